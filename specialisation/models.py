"""Smart-specialisation strategy, areas, projects and their snippets."""
