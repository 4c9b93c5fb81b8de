"""The checks ``mlflow.pyfunc.load_model`` (MLflow 2.x) runs on a model folder before loading it, and
the warnings they log, rebuilt from MLflow's source so they run where MLflow cannot be installed:

* ``mlflow/utils/requirements_utils.py``: ``_parse_requirements`` reads the folder's requirements.txt
  (blank lines, ``#`` comments and inline `` #`` comments dropped, ``\\`` continuations joined);
  ``warn_dependency_requirement_mismatches`` checks each requirement with ``_check_requirement_satisfied``:
  a line ``packaging`` cannot parse is skipped; the installed version is
  ``importlib.metadata.version(name)``, else ``__import__(name).__version__`` (an error there aborts the
  whole check with the "unexpected error" warning); a missing module, or a version outside the
  specifier, is a mismatch, and any mismatch is one warning listing them.
* ``mlflow/pyfunc/__init__.py``: ``_warn_potentially_incompatible_py_version_if_necessary`` compares the
  python_function flavor's ``python_version`` (major.minor) with the running Python's, warning when it is
  missing or differs.

Then, as load_model does, the flavor's ``loader_module`` is imported and ``_load_pyfunc`` called.

Usage: ``python3 mlflow_load_checks.py <model folder>...``; prints a JSON list, per folder, of the
warnings MLflow would log and the number of rows ``predict`` returned on the folder's input example.
"""
import importlib
import importlib.metadata
import json
import logging
import os
import platform
import sys
import warnings

import yaml
from packaging.requirements import Requirement

log = logging.getLogger("mlflow")


def read_requirements(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        lines = [line.strip() for line in f.read().splitlines()]
    lines = [line[: line.find(" #")].rstrip() if " #" in line else line for line in lines]
    joined, pending = [], []
    for line in lines:
        if line.endswith("\\"):
            pending.append(line.rstrip("\\"))
            continue
        joined.append("".join(pending + [line]))
        pending = []
    if pending:
        joined.append("".join(pending))
    return [line for line in joined if line and not line.startswith("#")]


def installed_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return __import__(name).__version__


def mismatch(requirement):
    try:
        req = Requirement(requirement)
    except Exception:
        return None  # a path or URL: MLflow does not check it
    try:
        version = installed_version(req.name)
    except ModuleNotFoundError:
        return f"{req.name} (current: uninstalled, required: {requirement})"
    if len(req.specifier) > 0 and not req.specifier.contains(version):
        return f"{req.name} (current: {version}, required: {requirement})"
    return None


def check_dependencies(model_dir):
    try:
        found = [m for m in map(mismatch, read_requirements(os.path.join(model_dir, "requirements.txt"))) if m]
        if found:
            log.warning(
                "Detected one or more mismatches between the model's dependencies and the current Python "
                "environment:\n - "
                + "\n - ".join(found)
            )
    except Exception as e:
        log.warning(f"Encountered an unexpected error ({e!r}) while detecting model dependency mismatches.")


def check_python_version(conf):
    running = platform.python_version()
    model = conf.get("python_version")
    major_minor = lambda v: ".".join(str(v).split(".")[:2])
    if model is None:
        log.warning(
            "The specified model does not have a specified Python version. It may be incompatible with the "
            "version of Python that is currently running: Python %s", running,
        )
    elif major_minor(model) != major_minor(running):
        log.warning(
            "The version of Python that the model was saved in, `Python %s`, differs from the version of Python "
            "that is currently running, `Python %s`, and may be incompatible", model, running,
        )


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def load(model_dir):
    collect = Collect()
    log.addHandler(collect)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            check_dependencies(model_dir)
            with open(os.path.join(model_dir, "MLmodel"), encoding="utf-8") as f:
                conf = yaml.safe_load(f)["flavors"]["python_function"]
            check_python_version(conf)
            model = importlib.import_module(conf["loader_module"])._load_pyfunc(model_dir)
            with open(os.path.join(model_dir, "input_example.json"), encoding="utf-8") as f:
                rows = json.load(f)["data"]
            predicted = len(model.predict(rows))
        return {"warnings": collect.messages + [str(w.message) for w in caught], "predicted": predicted}
    finally:
        log.removeHandler(collect)


if __name__ == "__main__":
    print(json.dumps([load(d) for d in sys.argv[1:]]))
