"""Agreement e-catalogues: import into versions, review the difference, activate, restore, and search."""
