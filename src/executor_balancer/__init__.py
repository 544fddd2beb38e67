"""Executor Balancer: routes requests to the best executor, explainably and within limits."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("executor-balancer")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"
