"""Read models that Kiroku (an in-browser ML notebook with MLflow tracking) logged, in Python."""

# The version a logged model's requirements.txt pins (`kiroku==…`, Kiroku's package.json version):
# MLflow checks it against this when it loads the model, and warns if they differ.
__version__ = "0.1.0"
