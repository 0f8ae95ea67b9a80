"""Municipalities (tenants) and their departments."""
