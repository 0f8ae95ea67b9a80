"""Sign-in, sessions, API tokens, and the principal every request acts as."""
