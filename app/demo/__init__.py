"""The demo municipality that `portal demo` starts with."""
