"""Mutants of a Panther Python rule, through the ast module (the way mutmut does).

Reads the module's source on stdin; writes a JSON list of mutants, each
{"operator", "line", "column", "change", "source"}. It only parses and unparses the
source: no rule code is imported or run here (mutants run in the worker, like the rule).
"""
import ast
import copy
import json
import sys

COMPARE_SWAPS = {
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
    ast.GtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
SYMBOL = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
}
ENTRY = {"rule", "policy"}


def detection_functions(tree):
    """rule()/policy() and the module's own functions they call, transitively: the alert
    functions (title, dedup, …) are left alone, as their strings are not detection logic."""
    functions = {fn.name: fn for fn in tree.body if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))}
    todo = [name for name in functions if name in ENTRY]
    reached = set()
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        for n in ast.walk(functions[name]):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions:
                todo.append(n.func.id)
    return [functions[name] for name in functions if name in reached]


def in_functions(tree):
    """Nodes of the detection functions and of module-level constants (not imports, not docstrings)."""
    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            yield from ast.walk(stmt)
    for fn in detection_functions(tree):
        for stmt in fn.body:
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                continue
            yield from ast.walk(stmt)


def candidates(tree):
    seen = set()
    for node in in_functions(tree):
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, (ast.If, ast.While)):
            yield node, "negate-condition", lambda n: setattr(n, "test", ast.UnaryOp(op=ast.Not(), operand=n.test)), "negate the condition"
        if isinstance(node, ast.BoolOp):
            other = "or" if isinstance(node.op, ast.And) else "and"
            yield node, "swap-and-or", lambda n: setattr(n, "op", ast.Or() if isinstance(n.op, ast.And) else ast.And()), f"'{'and' if other == 'or' else 'or'}' → '{other}'"
            for i in range(len(node.values)):
                def drop(n, i=i):
                    n.values = n.values[:i] + n.values[i + 1:]
                yield node, "remove-clause", drop, f"remove clause {i + 1} of {len(node.values)}"
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                swap = COMPARE_SWAPS.get(type(op))
                if swap:
                    def change(n, i=i, swap=swap):
                        n.ops[i] = swap()
                    yield node, "change-comparison", change, f"'{SYMBOL[type(op)]}' → '{SYMBOL[swap]}'"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
            def replace(n):
                n.value = "ruleproof-mutant" if n.value != "ruleproof-mutant" else "x"
            yield node, "replace-string", replace, f"{node.value!r} → 'ruleproof-mutant'"


def entry_points(tree):
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and fn.name in ENTRY:
            yield fn


def constants(node):
    """String and number constants in the mutated node: values a distinguishing event may need."""
    found = []
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, (str, int, float)) and not isinstance(n.value, bool):
            if n.value not in found:
                found.append(n.value)
    return found[:10]


def locate(tree, copy_tree, node):
    """The node in copy_tree at the same place as node in tree."""
    originals = list(ast.walk(tree))
    copies = list(ast.walk(copy_tree))
    return copies[originals.index(node)]


def main():
    source = sys.stdin.read()
    tree = ast.parse(source)
    original = ast.unparse(tree)
    out = []
    seen = {original}
    for node, operator, edit, change in list(candidates(tree)):
        mutated = copy.deepcopy(tree)
        target = locate(tree, mutated, node)
        edit(target)
        try:
            text = ast.unparse(ast.fix_missing_locations(mutated))
            compile(text, "<mutant>", "exec")
        except Exception:
            continue
        if text in seen:
            continue
        seen.add(text)
        out.append({"operator": operator, "line": node.lineno, "column": node.col_offset + 1, "change": change, "source": text, "values": constants(node)})
    for fn in entry_points(tree):
        for value in (True, False):
            mutated = copy.deepcopy(tree)
            target = locate(tree, mutated, fn)
            target.body.insert(0, ast.Return(value=ast.Constant(value=value)))
            text = ast.unparse(ast.fix_missing_locations(mutated))
            if text in seen:
                continue
            seen.add(text)
            out.append({"operator": "return-early", "line": fn.lineno, "column": fn.col_offset + 1, "change": f"{fn.name}() returns {value} at once", "source": text})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
