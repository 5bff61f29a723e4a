"""``catalogue serve``: the OpenRefine reconciliation service (see ``docs/serve.md``)."""

from __future__ import annotations

import ipaddress
import signal
import threading
import webbrowser
from types import FrameType

import click

from .chinese import ChineseCommand
from .common import EXIT_USAGE, Fail, get_catalogue


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _page_url(url: str, port: int) -> str:
    """The server's URL as a browser on this machine opens it: a wildcard address (0.0.0.0,
    ::) is reached at 127.0.0.1."""
    host = url.split("//", 1)[1].rsplit(":", 1)[0].strip("[]")
    if host in ("0.0.0.0", "::"):
        return f"http://127.0.0.1:{port}/"
    return url


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@click.command(cls=ChineseCommand)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="监听地址。默认只接受本机访问；0.0.0.0 会让局域网内任何人都能访问。",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="端口；0 表示由系统挑选一个空闲端口。",
)
@click.option("--quiet", "-q", is_flag=True, help="不在标准错误输出上逐条记录请求。")
@click.option("--open", "open_page", is_flag=True, help="启动后在浏览器中打开检查页面（/app）。")
def serve(host: str, port: int, quiet: bool, open_page: bool) -> None:
    """启动 OpenRefine 对账服务（Reconciliation Service API 0.2）。

    \b
    在 OpenRefine 中：列菜单 Reconcile → Start reconciling… → Add Standard Service…，
    填入显示的地址（默认 http://127.0.0.1:8000/）。每个部门是一个类型；也可以把购买主体列作为
    属性 department 传入。只读，不写任何文件。按 Ctrl-C 停止。

    同一地址下的 /app 是给审核人员用的检查页面：粘贴或拖入预算表，看判定，下载工作簿。
    """
    from ..app import PREFIX, ReviewApp
    from ..server import make_server

    catalogue = get_catalogue()
    host = host.strip().strip("[]")
    try:
        server = make_server(catalogue, host, port, quiet=quiet)
    except OSError as exc:
        raise Fail(f"无法在 {host}:{port} 上启动服务：{exc.strerror or exc}", EXIT_USAGE) from None
    server.mount(PREFIX, ReviewApp(catalogue))
    page = _page_url(server.url, server.server_address[1]) + PREFIX.lstrip("/")
    if not _is_loopback(host):
        click.echo(
            f"注意：服务监听 {host}，本机以外也能访问；服务没有身份验证，只应在可信网络中使用。",
            err=True,
        )
    click.echo(f"对账服务已启动：{server.url}", err=True)
    click.echo("在 OpenRefine 中添加这个地址（Add Standard Service）；按 Ctrl-C 停止。", err=True)
    click.echo(f"检查页面：{page}", err=True)
    if open_page:
        # a console browser (lynx …) may hold the terminal: the server must serve meanwhile
        threading.Thread(target=webbrowser.open, args=(page,), daemon=True).start()
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        click.echo("对账服务已停止。", err=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
