"""Suppliers, shared by every municipality on the platform."""
