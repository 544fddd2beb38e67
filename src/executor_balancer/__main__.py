from executor_balancer.cli import app

app(prog_name="executor-balancer")
