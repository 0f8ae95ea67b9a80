"""User accounts, their roles per department and their spending limits."""
