"""Kiroku's estimators in Python, for models logged with Kiroku's ``kiroku_ml`` flavor.

A logged model's ``MLmodel`` names this module as its python_function ``loader_module``
(``kiroku.kiroku_ml``): with the folder holding ``kiroku/`` on ``PYTHONPATH``,
``mlflow.pyfunc.load_model("runs:/<run_id>/model")`` works. Without MLflow, ``load_model(path)``
reads a logged model's folder directly. Needs numpy only; predictions match Kiroku's (and
scikit-learn's) to rounding.

    from kiroku.kiroku_ml import load_model
    model = load_model("mlruns/1/<run_id>/artifacts/model")
    model.predict(X)            # X: array (columns in training order) or DataFrame (by name)
"""
import json
import os

import numpy as np

__all__ = ["load_model", "from_json"]


def _load_pyfunc(path):
    """MLflow's python_function entry point: the model folder's estimator."""
    return load_model(path)


def load_model(path):
    """A logged model folder (with ``model.json``), or the ``model.json`` file itself."""
    file = path if path.endswith(".json") else os.path.join(path, "model.json")
    with open(file, encoding="utf-8") as f:
        return from_json(json.load(f))


def from_json(doc):
    """An estimator from Kiroku's JSON: ``{"name", "version", "params", "state"}``."""
    if isinstance(doc, dict) and "$estimator" in doc:
        doc = doc["$estimator"]
    cls = _ESTIMATORS.get(doc.get("name"))
    if cls is None:
        raise NotImplementedError(
            f"No Python reader for Kiroku's {doc.get('name')!r} yet; its JSON holds params "
            f"{sorted(doc.get('params') or {})} and state {sorted(doc.get('state') or {})}."
        )
    if doc.get("state") is None:
        raise ValueError(f"This {doc['name']} was saved before it was fitted: it has no state to predict with.")
    return cls(doc["params"], doc["state"])


class _Estimator:
    def __init__(self, params, state):
        self.params = params
        self.state = state

    def _matrix(self, X):
        names = self.state.get("featureNamesIn")
        if names and hasattr(X, "columns"):
            missing = [n for n in names if n not in X.columns]
            if missing:
                raise ValueError(f"The input lacks the columns {missing} the model was fitted on.")
            X = X[names]
        X = np.asarray(X, dtype=float)
        if X.ndim == 1:
            X = X.reshape(1, -1)
        n = self.state.get("nFeaturesIn")
        if n is not None and X.shape[1] != n:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} is expecting {n} features as input."
            )
        return X


class LinearModel(_Estimator):
    """LinearRegression, Ridge, Lasso, ElasticNet: ``X @ coef + intercept``."""

    def predict(self, X, params=None):
        return self._matrix(X) @ np.asarray(self.state["coef"], dtype=float) + self.state["intercept"]


class LogisticRegression(_Estimator):
    """Binary (sigmoid), multinomial (softmax) or one-vs-rest, as scikit-learn's."""

    def decision_function(self, X):
        coef = np.asarray(self.state["coef"], dtype=float)
        z = self._matrix(X) @ coef.T + np.asarray(self.state["intercept"], dtype=float)
        return z[:, 0] if z.shape[1] == 1 else z

    def predict_proba(self, X, params=None):
        z = self.decision_function(X)
        if z.ndim == 1:
            # A two-class multinomial fit keeps one row: softmax([-z, z]) = sigmoid(2z).
            q = _sigmoid((2 if self.state.get("mode") == "multinomial" else 1) * z)
            return np.column_stack([1 - q, q])
        if self.state.get("mode") == "multinomial":
            e = np.exp(z - z.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        q = _sigmoid(z)
        return q / q.sum(axis=1, keepdims=True)

    def predict(self, X, params=None):
        classes = np.asarray(self.state["classes"])
        z = self.decision_function(X)
        return classes[(z > 0).astype(int)] if z.ndim == 1 else classes[np.argmax(z, axis=1)]


class StandardScaler(_Estimator):
    def transform(self, X):
        X = self._matrix(X)
        if self.params.get("withMean", True):
            X = X - np.asarray(self.state["mean"], dtype=float)
        if self.params.get("withStd", True):
            X = X / np.asarray(self.state["scale"], dtype=float)
        return X


class MinMaxScaler(_Estimator):
    def transform(self, X):
        scale = np.asarray(self.state["scale"], dtype=float)
        out = self._matrix(X) * scale + np.asarray(self.state["min"], dtype=float)
        if self.params.get("clip"):
            lo, hi = self.params.get("featureRange", [0, 1])
            out = np.clip(out, lo, hi)
        return out


class SimpleImputer(_Estimator):
    def transform(self, X):
        X = self._matrix(X).copy()
        stats = np.asarray(self.state["statistics"], dtype=float)
        rows, cols = np.nonzero(np.isnan(X))
        X[rows, cols] = stats[cols]
        # Features with nothing to learn from are dropped, as scikit-learn does.
        return X if self.params.get("keepEmptyFeatures") else X[:, ~np.isnan(stats)]


class Pipeline(_Estimator):
    """Transforms through every step but the last, which predicts."""

    def __init__(self, params, state):
        super().__init__(params, state)
        self.steps = [
            (name, None if step in (None, "passthrough") else from_json(step)) for name, step in state["steps"]
        ]

    def _transform(self, X):
        for _, step in self.steps[:-1]:
            if step is not None:
                X = step.transform(X)
        return X

    def predict(self, X, params=None):
        return self.steps[-1][1].predict(self._transform(X))

    def predict_proba(self, X, params=None):
        return self.steps[-1][1].predict_proba(self._transform(X))


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


_ESTIMATORS = {
    "LinearRegression": LinearModel,
    "Ridge": LinearModel,
    "Lasso": LinearModel,
    "ElasticNet": LinearModel,
    "LogisticRegression": LogisticRegression,
    "StandardScaler": StandardScaler,
    "MinMaxScaler": MinMaxScaler,
    "SimpleImputer": SimpleImputer,
    "Pipeline": Pipeline,
}
