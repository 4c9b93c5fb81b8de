"""Read models that Kiroku (an in-browser ML notebook with MLflow tracking) logged, in Python."""
