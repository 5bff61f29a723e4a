"""``doctest.testmod`` for a module that mypyc may have compiled.

A compiled module's functions and classes are not Python functions, so doctest finds no examples
in them. Their examples are read instead from the Python source the wheel keeps beside the
extension module, one docstring at a time as doctest would, and run in the compiled module's
namespace: the examples test the compiled code.
"""

from __future__ import annotations

import ast
import doctest
from pathlib import Path
from types import ModuleType


def testmod(module: ModuleType) -> doctest.TestResults:
    file = module.__file__ or ""
    if file.endswith(".py"):
        return doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    source = Path(file).with_name(module.__name__.rpartition(".")[2] + ".py")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for node in ast.walk(ast.parse(source.read_text("utf-8"))):
        if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        doc = ast.get_docstring(node, clean=False)
        if not doc:
            continue
        name = module.__name__ if isinstance(node, ast.Module) else f"{module.__name__}.{node.name}"
        lineno = 0 if isinstance(node, ast.Module) else node.lineno
        test = parser.get_doctest(doc, dict(vars(module)), name, str(source), lineno)
        if test.examples:
            runner.run(test)
    return runner.summarize(verbose=False)
