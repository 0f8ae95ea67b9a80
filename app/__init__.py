"""The e-handel portal service: one package per domain, shared building blocks in `app.kit`."""
