"""The HTTP side of production mode: the webhook, /healthz, /readyz and /metrics (Starlette on
uvicorn), in the webhook process and on the monitor port of the other processes."""
