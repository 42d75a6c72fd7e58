"""A fake Telegram Bot API server on loopback that refuses what the real one would refuse.

The test plays the runner (send_text, press_button, share_location) and asserts on what the
bot did (calls, sent, errors). Every request is checked against the official Bot API
specification (tests/support/botapi/api.min.json) before it is answered.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import re
import signal
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Self

from aiohttp import web

from tests.support import fake_chats
from tests.support.botapi_spec import (
    ApiError,
    BotApiSpec,
    MethodSpec,
    Upload,
    bad_request,
    load_spec,
)
from tests.support.fake_chats import Chat, SentMessage, Stored
from tests.support.html_entities import HtmlError, parse_html
from tests.support.webhook_delivery import Delivery, WebhookConfig, WebhookSender

__all__ = ["Call", "Delivery", "FakeTelegram", "SentMessage", "Upload"]

MAX_TEXT = 4096
MAX_CAPTION = 1024
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
# what getUpdates delivers when allowed_updates is unset or empty
DEFAULT_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: CONFLICT,
    500: "Internal Server Error",
    502: "Bad Gateway",
}
# what the spec allows in setWebhook's secret_token
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


@dataclass(frozen=True, slots=True)
class Call:
    """One request the bot made, as decoded; ok=False when it was refused with `error`."""

    method: str
    params: dict[str, Any]
    ok: bool
    error: str | None
    at: float
    status: int = 200
    # refused because the test asked for it (fail_next, block_chat, rate limit) or answered to
    # a client that had already gone: not a mistake of the bot's, so not in `errors`
    fault: bool = False


@dataclass(slots=True)
class _Poll:
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    terminated: bool = False


@dataclass(slots=True)
class _Fault:
    status: int
    description: str
    retry_after: int | None
    times: int


@dataclass(frozen=True, slots=True)
class _File:
    file_id: str
    unique_id: str
    path: str
    data: bytes


def _respond(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(
        status=status, body=json.dumps(body).encode(), content_type="application/json"
    )


def _image_size(data: bytes) -> tuple[int, int]:
    if data.startswith(_IMAGE_MAGIC[0]) and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 800, 600


def _is_image(data: bytes) -> bool:
    return data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _inline_markup(markup: Any) -> dict[str, Any] | None:
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        return markup
    return None


def _describe(call: Call) -> str:
    params = {
        k: v if not isinstance(v, str) or len(v) < 80 else v[:77] + "..."
        for k, v in call.params.items()
    }
    outcome = "ok" if call.ok else f"REFUSED {call.status} {call.error}"
    return f"  {call.method} {params} -> {outcome}"


class FakeTelegram:
    """The Bot API on 127.0.0.1 for one bot token, with a scripted runner on the other side."""

    def __init__(
        self, *, token: str = "123456:TEST", rate_limit_per_second: float | None = None
    ) -> None:
        self.spec: BotApiSpec = load_spec()
        self.token = token
        self.rate_limit_per_second = rate_limit_per_second
        self.calls: list[Call] = []
        # Cleared by hold(): send* requests then wait, as if the network stalled.
        self._released = asyncio.Event()
        self._released.set()
        # Called with every accepted call, e.g. for a benchmark's runners to react at once.
        self.on_call: Callable[[Call], None] | None = None
        # Set by a test that runs the bot in this process (its Application.update_queue.join):
        # waits until the bot has handled every update it has taken, for wait_idle.
        self.handled: Callable[[], Awaitable[object]] | None = None
        self.received_429 = 0
        self.base_url = ""
        self.base_file_url = ""
        self.port = 0
        head = token.partition(":")[0]
        self.bot_user: dict[str, Any] = {
            "id": int(head) if head.isdigit() else 123456,
            "is_bot": True,
            "first_name": "Coach (fake)",
            "username": "fake_coach_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self._chats: dict[int, Chat] = {}
        self._blocked: set[int] = set()
        self._faults: dict[str, deque[_Fault]] = {}
        self._sends: deque[float] = deque()
        self._queue: deque[dict[str, Any]] = deque()
        self._next_update_id = 1
        self._allowed_updates = DEFAULT_UPDATES
        self._poll: _Poll | None = None
        self._webhook_url = ""
        # set by setWebhook: delivers the queue by POST (see webhook_delivery)
        self._webhook: WebhookSender | None = None
        self.deliveries: list[Delivery] = []
        # False: deliver one chat's updates concurrently as well (see webhook_delivery)
        self.webhook_one_per_chat = True
        self._queries: set[str] = set()
        self._query_ids = itertools.count(1)
        self._files: dict[str, _File] = {}
        self._files_by_path: dict[str, _File] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._busy = 0
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._methods: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getMe": lambda _: self.bot_user,
            "logOut": lambda _: True,
            "close": lambda _: True,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": lambda params: bool(self._target_chat(params)),
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "deleteMessage": self._delete_message,
            "getFile": self._get_file,
            "leaveChat": self._leave_chat,
        }

    # ---- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1, on a free port unless one was chosen."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # handler_cancellation: a long poll whose client hung up just ends
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{self.port}/bot"
        self.base_file_url = f"http://127.0.0.1:{self.port}/file/bot"
        self._closing = False

    async def stop(self) -> None:
        """Answer pending long polls and close the server."""
        self._closing = True
        if self._poll is not None:
            self._poll.wake.set()
        if self._webhook is not None:
            self._webhook.close()
            await self._webhook.wait_closed()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.stop()

    # ---- the runner's side -----------------------------------------------------------------

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str = "Runner",
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from the runner, in their private chat or in the group chat_id;
        "/command" gets its bot_command entity."""
        sender = self._chat(user_id, first_name).user_json()
        chat = self._chat(user_id) if chat_id is None else self._group(chat_id)
        message = fake_chats.message_from(chat, sender)
        message["text"] = text
        if entities := fake_chats.command_entities(text):
            message["entities"] = entities
        return self._enqueue("message", message)

    def share_location(self, user_id: int, latitude: float, longitude: float) -> dict[str, Any]:
        """Queue a location message from the runner."""
        chat = self._chat(user_id)
        message = fake_chats.message_from(chat, chat.user_json())
        message["location"] = {"latitude": latitude, "longitude": longitude}
        return self._enqueue("message", message)

    def edit_text(self, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
        """Queue the edited_message update of someone changing their message's text."""
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"no chat {chat_id}")
        return self._enqueue("edited_message", fake_chats.edited(chat, message_id, text))

    def press_button(
        self, chat_id: int, message_id: int, data: str, *, by: int | None = None
    ) -> dict[str, Any]:
        """Queue a callback query from a button on a bot message in that chat (data unchecked),
        pressed by `by` (default: the runner whose private chat it is)."""
        chat = self._chats.get(chat_id)
        stored = chat.messages.get(message_id) if chat is not None else None
        if chat is None or stored is None or stored.sent is None:
            raise AssertionError(f"no message {message_id} from the bot in chat {chat_id}")
        query_id = f"{self.bot_user['id']}{next(self._query_ids):08d}"
        self._queries.add(query_id)
        query = {
            "id": query_id,
            "from": (chat if by is None else self._chat(by)).user_json(),
            "message": json.loads(json.dumps(stored.json)),
            "chat_instance": str(-abs(hash((self.bot_user["id"], chat_id)))),
            "data": data,
        }
        return self._enqueue("callback_query", query)

    def post_in_channel(self, channel_id: int, text: str) -> dict[str, Any]:
        """Queue a channel_post in a channel the bot administers."""
        channel = self._group(channel_id, kind="channel")
        message = fake_chats.message_from(channel, None)
        message["text"] = text
        return self._enqueue("channel_post", message)

    def add_to_group(self, chat_id: int, user_id: int) -> dict[str, Any]:
        """Queue the my_chat_member update of the runner adding the bot to a group."""
        group = self._group(chat_id)
        added = fake_chats.bot_added(group, self._chat(user_id).user_json(), self.bot_user)
        return self._enqueue("my_chat_member", added)

    def send_inline_query(self, user_id: int, text: str) -> dict[str, Any]:
        """Queue an inline query: the runner typed "@bot <text>" in some chat."""
        query_id = f"{self.bot_user['id']}{next(self._query_ids):08d}"
        sender = self._chat(user_id).user_json()
        return self._enqueue("inline_query", fake_chats.inline_query(query_id, sender, text))

    def is_member(self, chat_id: int) -> bool:
        """Whether the bot is still in that group or channel (it never leaves a private chat)."""
        chat = self._chats.get(chat_id)
        return chat is not None and chat.bot_is_member

    # ---- what the bot did ------------------------------------------------------------------

    @property
    def errors(self) -> list[Call]:
        """Calls refused because they were wrong (not the faults the test injected)."""
        return [c for c in self.calls if not c.ok and not c.fault]

    def sent(self, chat_id: int) -> list[SentMessage]:
        """The bot's messages currently in that chat, oldest first."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return []
        return [s.sent for s in chat.messages.values() if s.sent is not None]

    def last_buttons(self, chat_id: int) -> list[tuple[str, str]]:
        """(label, callback_data) of the callback buttons on the last message with a keyboard."""
        for message in reversed(self.sent(chat_id)):
            if message.reply_markup is not None:
                return [
                    (button["text"], button["callback_data"])
                    for row in message.reply_markup["inline_keyboard"]
                    for button in row
                    if "callback_data" in button
                ]
        return []

    # `timeout` rather than asyncio.timeout: the failure message lists the calls so far
    async def wait_for(
        self,
        predicate: Callable[[FakeTelegram], bool],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> None:
        """Poll until predicate(self) holds; AssertionError with the last calls on timeout."""
        deadline = time.monotonic() + timeout
        while not predicate(self):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"condition not met within {timeout} s; last calls:\n{self._recent()}"
                )
            await asyncio.sleep(0.005)

    @property
    def polling(self) -> bool:
        """Whether a getUpdates request is waiting here for updates."""
        return self._poll is not None

    async def wait_idle(self, *, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has taken every queued update (confirmed it with a later
        getUpdates offset), has handled them all (`handled`) and has no request in progress."""
        if self.handled is None:
            raise AssertionError(
                "wait_idle needs `handled`: only the bot's own process can tell when it has "
                "finished an update; wait for the replies of a bot in another process"
            )
        deadline = time.monotonic() + timeout
        await self.wait_for(lambda fake: not fake._queue and not fake._busy, timeout=timeout)
        try:
            await asyncio.wait_for(self.handled(), max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            raise AssertionError(
                f"updates still being handled after {timeout} s; last calls:\n{self._recent()}"
            ) from None

    # ---- fault injection -------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str = "",
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` valid calls of `method` with this error instead."""
        spec = self.spec.method(method)
        if spec is None:
            raise ValueError(f"the Bot API has no method {method!r}")
        if status == 429 and retry_after is None:
            retry_after = 1
        if not description:
            if status == 429:
                description = f"Too Many Requests: retry after {retry_after}"
            else:
                description = _DEFAULT_DESCRIPTIONS.get(status, "Internal Server Error")
        self._faults.setdefault(spec.name, deque()).append(
            _Fault(status, description, retry_after, times)
        )

    def hold(self) -> None:
        """Stall every send* request until release(); a sender that dies meanwhile loses it."""
        self._released.clear()

    def release(self) -> None:
        """Let held requests through (those whose sender hung up are dropped, unrecorded)."""
        self._released.set()

    def block_chat(self, chat_id: int) -> None:
        """From now on, calls aimed at this chat get 403 as if the runner blocked the bot."""
        self._blocked.add(chat_id)

    # ---- HTTP ------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return self._download(path[len("/file/bot") :])
        if path.startswith("/fake/"):
            return await self._control(request, path[len("/fake/") :])
        if not path.startswith("/bot"):
            return _respond(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        token, _, name = path[len("/bot") :].partition("/")
        long_poll = name.lower() == "getupdates"
        if not long_poll:
            self._busy += 1
        params: dict[str, Any] = {}
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            spec = self.spec.method(name)
            if spec is None or "/" in name:
                raise ApiError(404, "Not Found")
            name = spec.name
            raw = await self._read(request, spec)
            params = dict(raw)  # what the call log shows if decoding fails
            params = self.spec.decode(spec, raw)
            self._check_content(name, params)
            self._inject(name, params)
            if name.startswith("send") and not self._released.is_set():
                await self._released.wait()
                if request.transport is None or request.transport.is_closing():
                    # The bot died while we held its request: lost in flight, never delivered.
                    return web.Response(status=499)
            if long_poll:
                result = await self._get_updates(params, request)
            else:
                result = self._methods.get(name, lambda _: True)(params)
        except ApiError as error:
            self._record(name, params, error)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.status,
                "description": error.description,
            }
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            return _respond(error.status, body)
        finally:
            if not long_poll:
                self._busy -= 1
        call = Call(name, params, True, None, time.monotonic())
        self.calls.append(call)
        if self.on_call is not None:
            self.on_call(call)
        return _respond(200, {"ok": True, "result": result})

    def _record(self, method: str, params: dict[str, Any], error: ApiError) -> None:
        if error.status == 429:
            self.received_429 += 1
        self.calls.append(
            Call(
                method,
                params,
                False,
                error.description,
                time.monotonic(),
                error.status,
                error.fault,
            )
        )

    async def _read(self, request: web.Request, spec: MethodSpec) -> dict[str, str | Upload]:
        raw: dict[str, str | Upload] = dict(request.query)
        if not request.body_exists:
            return raw
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON body must be an object")
            # the real server reads JSON bodies into the same string form as HTML forms
            for key, value in body.items():
                if value is not None:
                    raw[key] = value if isinstance(value, str) else json.dumps(value)
            return raw
        form = await request.post()
        attachments: dict[str, Upload] = {}
        for key, value in form.items():
            if isinstance(value, str):
                raw[key] = value
                continue
            upload = Upload(key, value.filename, value.content_type, value.file.read())
            if key in spec.fields:
                raw[key] = upload
            else:
                attachments[key] = upload  # an attach://<name> target
        for key, value in list(raw.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                target = attachments.get(value[len("attach://") :])
                if target is None:
                    raise bad_request(f"file {value} not found in the request")
                raw[key] = target
        return raw

    def _download(self, rest: str) -> web.Response:
        token, _, file_path = rest.partition("/")
        stored = self._files_by_path.get(file_path) if token == self.token else None
        if stored is None:
            return _respond(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return web.Response(body=stored.data, content_type="application/octet-stream")

    async def _control(self, request: web.Request, action: str) -> web.Response:
        """Drive the runner from another process (python -m tests.support.fakebot)."""
        body = await request.json() if request.body_exists else {}
        if action == "send_text":
            update = self.send_text(
                body["user_id"], body["text"], first_name=body.get("first_name", "Runner")
            )
        elif action == "press_button":
            update = self.press_button(body["user_id"], body["message_id"], body["data"])
        elif action == "share_location":
            update = self.share_location(body["user_id"], body["latitude"], body["longitude"])
        elif action == "state":
            return _respond(
                200,
                {
                    "calls": len(self.calls),
                    "errors": [_describe(c) for c in self.errors],
                    "received_429": self.received_429,
                    "queued_updates": len(self._queue),
                },
            )
        else:
            return _respond(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return _respond(200, {"ok": True, "result": update})

    # ---- checks every call passes before it is served --------------------------------------

    def _check_content(self, method: str, params: dict[str, Any]) -> None:
        """Refuse text, captions and actions Telegram would refuse, whatever the chat state."""
        parse_mode = params.get("parse_mode")
        if parse_mode is not None and parse_mode.lower() not in ("html", "markdown", "markdownv2"):
            raise bad_request("unsupported parse_mode")
        if method in ("sendMessage", "editMessageText"):
            text, _ = self._render(params, "text", "entities")
            if not text.strip():
                raise bad_request("message text is empty")
            if len(text) > MAX_TEXT:
                raise bad_request("message is too long")
        elif "caption" in params:
            caption, _ = self._render(params, "caption", "caption_entities")
            if len(caption) > MAX_CAPTION:
                raise bad_request("message caption is too long")
        elif method == "sendChatAction" and params["action"] not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")

    @staticmethod
    def _render(
        params: Mapping[str, Any], key: str, entities_key: str
    ) -> tuple[str, list[dict[str, Any]]]:
        """Visible text and entities as Telegram would store them."""
        source = params.get(key, "")
        if entities_key in params:
            return source, params[entities_key]
        if str(params.get("parse_mode", "")).lower() != "html":
            # Markdown modes are not parsed here; the raw length is an upper bound
            return source, []
        try:
            return parse_html(source)
        except HtmlError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None

    def _inject(self, method: str, params: dict[str, Any]) -> None:
        """Apply the faults the test asked for: fail_next, blocked chats, the rate limit."""
        faults = self._faults.get(method)
        if faults:
            fault = faults[0]
            fault.times -= 1
            if fault.times <= 0:
                faults.popleft()
            raise ApiError(
                fault.status, fault.description, retry_after=fault.retry_after, fault=True
            )
        if params.get("chat_id") in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user", fault=True)
        limit = self.rate_limit_per_second
        if limit is not None and method.startswith("send"):
            now = time.monotonic()
            sends = self._sends
            while sends and sends[0] <= now - 1.0:
                sends.popleft()
            if len(sends) >= limit:
                retry_after = max(1, math.ceil(sends[0] + 1.0 - now))
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    retry_after=retry_after,
                    fault=True,
                )
            sends.append(now)

    # ---- updates ---------------------------------------------------------------------------

    def _enqueue(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self._next_update_id, kind: payload}
        try:
            self.spec.check(update, ("Update",))
        except ApiError as exc:
            raise AssertionError(f"Telegram would never send {update}: {exc}") from None
        self._next_update_id += 1
        # allowed_updates applies to updates created after it was set, as on Telegram
        if kind in self._allowed_updates:
            self._queue.append(update)
            if self._poll is not None:
                self._poll.wake.set()
            if self._webhook is not None:
                self._webhook.wake()
        return update

    async def _get_updates(self, params: dict[str, Any], request: web.Request) -> list[Any]:
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if "allowed_updates" in params:
            self._allowed_updates = frozenset(params["allowed_updates"]) or DEFAULT_UPDATES
        offset = params.get("offset", 0)
        limit = params.get("limit", 100)
        limit = 100 if not 1 <= limit <= 100 else limit
        timeout = max(0, params.get("timeout", 0))
        queue = self._queue
        if offset > 0:
            while queue and queue[0]["update_id"] < offset:
                queue.popleft()
        elif offset < 0:
            while len(queue) > -offset:
                queue.popleft()
        previous, poll = self._poll, _Poll()
        self._poll = poll
        if previous is not None:
            # like Telegram, the newer request wins and the older one is told so
            previous.terminated = True
            previous.wake.set()
        try:
            deadline = time.monotonic() + timeout
            while not queue and not poll.terminated and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                poll.wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(poll.wake.wait(), remaining)
        finally:
            if self._poll is poll:
                self._poll = None
        if poll.terminated:
            gone = request.transport is None or request.transport.is_closing()
            raise ApiError(409, CONFLICT, fault=gone)
        return list(itertools.islice(queue, limit))

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self._webhook_url = ""
        if self._webhook is not None:
            self._webhook.close()  # what it had not delivered waits for getUpdates
            self._webhook = None
        if params.get("drop_pending_updates"):
            self._queue.clear()
        return True

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        """Check what the spec says of each field, then deliver the queue to the URL. One
        deviation: plain http is accepted for 127.0.0.1 and localhost (no TLS on loopback)."""
        url = params["url"]
        if not url:
            return self._delete_webhook(params)
        host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
        if not (url.startswith("https://") or host in ("127.0.0.1", "localhost")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not SECRET_TOKEN.fullmatch(secret):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        connections = params.get("max_connections", 40)
        if not 1 <= connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        if "allowed_updates" in params:
            kinds = self.spec.types["Update"].fields.keys() - {"update_id"}
            unknown = set(params["allowed_updates"]) - kinds
            if unknown:
                raise bad_request(f"bad webhook: unknown update types {sorted(unknown)}")
            self._allowed_updates = frozenset(params["allowed_updates"]) or DEFAULT_UPDATES
        if params.get("drop_pending_updates"):
            self._queue.clear()
        if self._webhook is not None:
            self._webhook.close()
        self._webhook_url = url
        self._webhook = WebhookSender(
            WebhookConfig(url, secret, connections, self.webhook_one_per_chat),
            self._queue,
            self.deliveries,
        )
        self._webhook.start()
        return True

    def _get_webhook_info(self, _: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if self._webhook is not None:
            info["max_connections"] = self._webhook.config.max_connections
            info["allowed_updates"] = sorted(self._allowed_updates)
            if self._webhook.last_error is not None:
                info["last_error_date"], info["last_error_message"] = self._webhook.last_error
        return info

    # ---- commands and callback queries -----------------------------------------------------

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), params.get("language_code", "")

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        if len(params["commands"]) > 100:
            raise bad_request("too many commands")
        self._commands[self._commands_key(params)] = params["commands"]
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self._commands.get(self._commands_key(params), [])

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    @property
    def unanswered_queries(self) -> int:
        """Button presses the bot has not answered (the runner's button still spins)."""
        return len(self._queries)

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = params["callback_query_id"]
        if query_id not in self._queries:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self._queries.discard(query_id)
        return True

    # ---- messages --------------------------------------------------------------------------

    def _chat(self, user_id: int, first_name: str | None = None) -> Chat:
        chat = self._chats.get(user_id)
        if chat is None:
            chat = self._chats[user_id] = Chat(user_id, first_name or "Runner")
        elif first_name is not None:
            chat.first_name = first_name
        return chat

    def _group(self, chat_id: int, *, kind: fake_chats.ChatType = "supergroup") -> Chat:
        """A group (or channel) with the bot in it; their ids are negative, as on Telegram."""
        if chat_id >= 0:
            raise ValueError(f"group and channel ids are negative, not {chat_id}")
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._chats[chat_id] = Chat(chat_id, f"Chat {-chat_id}", kind)
        if not chat.bot_is_member:
            raise AssertionError(f"the bot left chat {chat_id}: Telegram sends it nothing more")
        return chat

    def _target_chat(self, params: dict[str, Any]) -> Chat:
        chat_id = params["chat_id"]
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is not None and chat.type != "private":
            chat.check_bot_can_post()
            return chat
        # a private chat's id is the runner's user id; usernames and unknown groups are not
        if not isinstance(chat_id, int) or chat_id <= 0:
            raise bad_request("chat not found")
        return self._chat(chat_id)

    def _leave_chat(self, params: dict[str, Any]) -> bool:
        chat = self._target_chat(params)
        if chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        chat.bot_is_member = False
        return True

    def _post(
        self, params: dict[str, Any], content: dict[str, Any], sent: SentMessage
    ) -> dict[str, Any]:
        chat = self._target_chat(params)
        message_id = chat.take_message_id()
        message = {
            "message_id": message_id,
            "from": self.bot_user,
            "chat": chat.json,
            "date": int(time.time()),
            **content,
        }
        markup = _inline_markup(params.get("reply_markup"))
        if markup is not None:
            message["reply_markup"] = markup
        chat.messages[message_id] = Stored(
            message, replace(sent, message_id=message_id, chat_id=chat.id, reply_markup=markup)
        )
        return message

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        text, entities = self._render(params, "text", "entities")
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._post(params, content, SentMessage(0, 0, text, None, "text"))

    def _caption(self, params: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        if "caption" not in params:
            return {}, None
        caption, entities = self._render(params, "caption", "caption_entities")
        content: dict[str, Any] = {"caption": caption}
        if entities:
            content["caption_entities"] = entities
        return content, caption

    def _file(self, value: Upload | str, kind: str) -> tuple[_File, Upload | None]:
        if isinstance(value, str):
            known = self._files.get(value)
            if known is not None:
                return known, None
            if value.startswith(("http://", "https://")):
                return self._store_file(b"", kind, "bin"), None
            raise bad_request("wrong file identifier/HTTP URL specified")
        if not value.data:
            raise bad_request("file must be non-empty")
        extension = (value.filename or "").rpartition(".")[2] or "bin"
        return self._store_file(value.data, kind, extension), value

    def _store_file(self, data: bytes, kind: str, extension: str) -> _File:
        number = len(self._files) + 1
        stored = _File(
            f"F{kind[:3].upper()}{number:010d}",
            f"U{number:08d}",
            f"{kind}s/file_{number}.{extension}",
            data,
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.path] = stored
        return stored

    def _send_photo(self, params: dict[str, Any]) -> dict[str, Any]:
        photo = params["photo"]
        if isinstance(photo, Upload) and not _is_image(photo.data):
            raise bad_request("IMAGE_PROCESS_FAILED")
        stored, upload = self._file(photo, "photo")
        width, height = _image_size(stored.data)
        content, caption = self._caption(params)
        content["photo"] = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.unique_id,
                "width": width,
                "height": height,
                "file_size": len(stored.data),
            }
        ]
        name = upload.filename if upload is not None else None
        sent = SentMessage(0, 0, None, None, "photo", stored.data or None, name, caption)
        return self._post(params, content, sent)

    def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        stored, upload = self._file(params["document"], "document")
        content, caption = self._caption(params)
        name = upload.filename if upload is not None else None
        document: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.data),
        }
        if name:
            document["file_name"] = name
        if upload is not None:
            document["mime_type"] = upload.content_type
        content["document"] = document
        sent = SentMessage(0, 0, None, None, "document", stored.data or None, name, caption)
        return self._post(params, content, sent)

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self._files.get(params["file_id"])
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.data),
            "file_path": stored.path,
        }

    def _editable(self, params: dict[str, Any]) -> Stored:
        if "inline_message_id" in params:
            raise bad_request("MESSAGE_ID_INVALID")
        if "chat_id" not in params:
            raise bad_request("chat_id is empty")
        if "message_id" not in params:
            raise bad_request("message identifier is not specified")
        chat = self._chats.get(params["chat_id"])
        stored = chat.messages.get(params["message_id"]) if chat is not None else None
        if stored is None:
            raise bad_request("message to edit not found")
        if stored.sent is None:
            raise bad_request("message can't be edited")
        return stored

    @staticmethod
    def _apply_edit(
        stored: Stored, markup: dict[str, Any] | None, text: tuple[str, list[Any]] | None = None
    ) -> dict[str, Any]:
        assert stored.sent is not None
        message = stored.json
        if text is not None:
            message["text"] = text[0]
            message.pop("entities", None)
            if text[1]:
                message["entities"] = text[1]
        # an edit without reply_markup removes the inline keyboard
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        stored.sent = replace(
            stored.sent, text=message.get("text"), reply_markup=markup, edited=True
        )
        return message

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self._editable(params)
        current = stored.json
        if "text" not in current:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._render(params, "text", "entities")
        markup = _inline_markup(params.get("reply_markup"))
        if (
            text == current["text"]
            and entities == current.get("entities", [])
            and markup == current.get("reply_markup")
        ):
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(stored, markup, (text, entities))

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        stored = self._editable(params)
        markup = _inline_markup(params.get("reply_markup"))
        if markup == stored.json.get("reply_markup"):
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(stored, markup)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        chat = self._chats.get(params["chat_id"])
        if chat is None or chat.messages.pop(params["message_id"], None) is None:
            raise bad_request("message to delete not found")
        return True

    def _recent(self, count: int = 20) -> str:
        lines = [_describe(c) for c in self.calls[-count:]]
        return "\n".join(lines) or "  (no calls)"


async def _serve(port: int, token: str, rate: float | None) -> None:
    fake = FakeTelegram(token=token, rate_limit_per_second=rate)
    fake.port = port
    async with fake:
        print(f"base_url={fake.base_url} base_file_url={fake.base_file_url} token={fake.token}")
        print(f"runner control: POST http://127.0.0.1:{fake.port}/fake/send_text etc.", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()


def main() -> None:
    """Run the fake server in its own process until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default="123456:TEST")
    parser.add_argument("--rate-limit", type=float, default=None)
    args = parser.parse_args()
    asyncio.run(_serve(args.port, args.token, args.rate_limit))


if __name__ == "__main__":
    main()
