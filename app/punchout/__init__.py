"""Punch-out, the portal's side: connections to supplier shops, the round trip, the agreement check."""
