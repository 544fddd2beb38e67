"""Web pages: server-rendered shells, small ES modules, vendored Chart.js; RU and EN."""

from executor_balancer.web.router import add_context_provider, mount_web, page_context

__all__ = ["add_context_provider", "mount_web", "page_context"]
