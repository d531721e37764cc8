"""``newsaudit serve``: the local web app under uvicorn.

Kept beside the app so ``cli.py`` stays a short list of commands; ``cli.py`` registers it.
"""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default=None, help="Address to listen on.  [default: 127.0.0.1, web.host in settings]")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port to listen on.  [default: 8765, web.port in settings]")
@click.option("--db", type=click.Path(dir_okay=False), help="DuckDB store (default: per-user data dir).")
@click.option("--allow-private-urls", is_flag=True,
              help="Let the app fetch URLs on loopback and private networks (off by default: the server "
                   "must not become a probe of its own network).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, db: str | None, allow_private_urls: bool) -> None:
    """Run the web app: paste, upload or fetch a page, read its report, search the store."""
    import uvicorn

    from .app import create_app

    settings = ctx.find_root().obj["settings"]
    host = host or settings.web.host
    port = settings.web.port if port is None else port
    settings = settings.replace(web__host=host, web__port=port)
    db_path = db or str(settings.store.resolved_path())
    app = create_app(settings, db_path, allow_private_urls)
    click.echo(f"newsaudit: serving http://{host}:{port}/ (store {db_path}); Ctrl-C stops", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("newsaudit: warning: listening beyond this machine; the app has no login", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
