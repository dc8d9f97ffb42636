"""Logins: lockouts, limits on password spraying and reset mail, and the report of
failed logins."""
