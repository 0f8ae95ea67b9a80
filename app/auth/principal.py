"""The principal: who acts, in which municipality, with which roles over which departments.

Roles given on a department cover its sub-departments too; a role with no department covers the whole municipality.
"""

from dataclasses import dataclass, field

from app.models import Role


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    email: str
    name: str
    municipality_id: int
    municipality_name: str
    department_id: int | None
    language: str
    # role -> departments it covers; None means the whole municipality.
    coverage: dict[Role, frozenset[int] | None] = field(default_factory=dict)
    all_department_ids: frozenset[int] = frozenset()
    via_token: bool = False

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(self.coverage)

    def has_role(self, *roles: Role) -> bool:
        return any(role in self.coverage for role in roles)

    def covers(self, role: Role, department_id: int | None) -> bool:
        """True when `role` reaches `department_id` (None asks for municipality-wide reach)."""
        if role not in self.coverage:
            return False
        reach = self.coverage[role]
        if reach is None:
            return True
        return department_id is not None and department_id in reach

    def reach(self, *roles: Role) -> frozenset[int] | None:
        """The departments these roles cover together; None when one of them covers the whole municipality."""
        covered: set[int] = set()
        for role in roles:
            if role in self.coverage:
                if self.coverage[role] is None:
                    return None
                covered |= self.coverage[role] or frozenset()
        return frozenset(covered)

    @property
    def sees_whole_municipality(self) -> bool:
        return any(reach is None for reach in self.coverage.values())

    @property
    def visible_department_ids(self) -> frozenset[int]:
        if self.sees_whole_municipality:
            return self.all_department_ids
        visible: set[int] = set()
        for reach in self.coverage.values():
            visible |= reach or frozenset()
        if self.department_id is not None:
            visible.add(self.department_id)
        return frozenset(visible)


def expand_coverage(
    role_rows: list[tuple[Role, int | None]], tree: dict[int, int | None]
) -> dict[Role, frozenset[int] | None]:
    """Turn (role, department) grants into the set of departments each role reaches, descendants included."""
    children: dict[int, list[int]] = {}
    for dept_id, parent_id in tree.items():
        if parent_id is not None:
            children.setdefault(parent_id, []).append(dept_id)

    def subtree(root: int) -> set[int]:
        found, stack = set(), [root]
        while stack:
            node = stack.pop()
            if node in found:
                continue
            found.add(node)
            stack.extend(children.get(node, []))
        return found

    coverage: dict[Role, frozenset[int] | None] = {}
    for role, dept_id in role_rows:
        if dept_id is None or coverage.get(role, frozenset()) is None:
            coverage[role] = None
            continue
        coverage[role] = frozenset((coverage.get(role) or frozenset()) | subtree(dept_id))
    return coverage
