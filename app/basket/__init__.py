"""The user's basket: lines collected from punch-out (and later the catalogue) until they are ordered."""
