"""The app's routes with their full paths, however deeply routers are included."""

from collections.abc import Iterator

from fastapi.routing import APIRoute


def walk_routes(routes: list, prefix: str = "") -> Iterator[tuple[str, APIRoute]]:  # type: ignore[type-arg]
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):
            # Newer FastAPI keeps included routers nested instead of copying their routes.
            inner = route.original_router
            yield from walk_routes(inner.routes, prefix + route.include_context.prefix)
