"""The code's shape, as docs/architecture.md describes it: no import cycle among
the project's modules (counting imports inside functions), no module over 400
lines, and an import inside a function only where a comment says why."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("cms", "home", "press", "specialisation", "distribution", "api", "records")
MAX_LINES = 400
# Settings and demo content are long lists, not logic.
LONG_ALLOWED = ("cms/settings/", "/demo.py", "/migrations/")


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "/migrations/" in str(path):
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imports_of(name: str, path: Path, modules) -> list[tuple[str, ast.AST, bool]]:
    """(imported project module, node, inside a function) for each import."""
    tree = ast.parse(path.read_text())
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []

    def resolve(target: str) -> str | None:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target or None

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef
            )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if (target := resolve(alias.name)) and target != name:
                        found.append((target, child, in_function))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in child.names:
                    full = f"{base}.{alias.name}" if base else alias.name
                    target = full if full in modules else resolve(base)
                    if target and target != name:
                        found.append((target, child, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def graph():
    modules = project_modules()
    return modules, {
        name: imports_of(name, path, modules) for name, path in modules.items()
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def strongconnect(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                strongconnect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            strongconnect(node)
    return result


def test_no_import_cycle_counting_imports_inside_functions():
    _modules, imports = graph()
    edges = {
        name: {target for target, _n, _f in found} for name, found in imports.items()
    }
    # A package's __init__ importing its own submodules is how re-exports work
    # (cms.models); a submodule importing the package would be the cycle.
    assert cycles(edges) == []


def test_imports_inside_functions_say_why():
    modules, imports = graph()
    unexplained = []
    for name, found in imports.items():
        lines = modules[name].read_text().splitlines()
        for _target, node, in_function in found:
            if not in_function:
                continue
            window = lines[max(0, node.lineno - 4) : node.end_lineno]
            if not any("#" in line for line in window):
                unexplained.append(f"{modules[name].relative_to(ROOT)}:{node.lineno}")
    assert unexplained == []


def test_no_module_over_400_lines():
    long = [
        f"{path.relative_to(ROOT)}: {count}"
        for path in project_modules().values()
        if not any(part in str(path) for part in LONG_ALLOWED)
        and (count := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert long == []
