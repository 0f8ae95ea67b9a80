"""The roles a user can hold in a department (or in the whole municipality)."""

from enum import StrEnum


class Role(StrEnum):
    requisitioner = "requisitioner"  # rekvirent
    approver = "approver"  # leder
    procurement = "procurement"  # indkøber
    finance = "finance"  # økonomi
    admin = "admin"  # administrator
