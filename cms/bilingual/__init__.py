"""Swedish and English side by side: what "the English is complete" means
(readiness), the stored translation status and its report, the workflow step
"Översättning klar", "Kopiera svensk layout till engelska", and the admin forms
that let translators change English fields only."""
