"""The Telegram front end: PTB handlers turn updates into core inputs and replies into calls."""

from __future__ import annotations

import contextlib
import html
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from functools import partial
from typing import Any

from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.coach import Coach, DatabaseUnavailableError, Handled, Sender
from bot.limits import BudgetRateLimiter, SendBudget, make_budget
from bot.render import CAPTION_LIMIT, split_text
from bot.scheduling.delivery import RetryLaterError, RunnerBlockedError
from bot.scheduling.dispatcher import Dispatcher
from bot.telegram.callbacks import CallbackCodec
from bot.telegram.keyboards import keyboard
from bot.telegram.observed import CountedRequest, ObservedApplication
from bot.telegram.private_chats import (
    GROUP_MESSAGES,
    OUR_OTHER_COMMANDS,
    PRIVATE_MESSAGES,
    GroupExit,
)
from bot.telegram.update_processor import PerUserUpdateProcessor
from dialogs import router
from dialogs.core import (
    ButtonPressed,
    CommandReceived,
    LocationShared,
    Reply,
    TextReceived,
    UserInput,
)
from dialogs.texts import t

log = logging.getLogger(__name__)


SLOW_COMMANDS = {"progress": ChatAction.UPLOAD_PHOTO, "export": ChatAction.UPLOAD_DOCUMENT}


class TelegramFrontEnd:
    """Handlers and rendering for one bot."""

    application: Application[Any, Any, Any, Any, Any, Any]

    def __init__(self, coach: Coach, codec: CallbackCodec) -> None:
        self.coach = coach
        self.codec = codec

    # ------------------------------------------------------------ inputs

    async def on_command(
        self, name: str, update: Update, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        if name in SLOW_COMMANDS and update.effective_chat is not None:
            # Drawing a chart or gathering an export takes a moment: show that we are on it.
            await update.effective_chat.send_action(SLOW_COMMANDS[name])
        await self._handle(update, CommandReceived(name, " ".join(context.args or ())))

    async def on_unknown_command(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        # Entities tell where the command ends; "/foo@coachbot args" -> "foo".
        command = next(iter(message.parse_entities(["bot_command"]).values()), "/")
        await self._handle(update, CommandReceived(command[1:].split("@")[0].lower()))

    async def on_text(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        await self._handle(update, TextReceived(message.text))

    async def on_location(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.location is not None
        location = message.location
        await self._handle(update, LocationShared(location.latitude, location.longitude))

    async def on_other(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is not None:
            await chat.send_message(t("core.unsupported"), parse_mode=ParseMode.HTML)

    async def on_button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE or chat.id != query.from_user.id:
            # A button in a group, an inline message or someone else's chat: never act on it,
            # and say nothing there but the toast (which only the presser sees).
            await query.answer(t("core.expired_toast"))
            return
        message = query.message if isinstance(query.message, Message) else None
        sender = self._sender(update)
        press = self.codec.decode(
            chat_id=sender.chat_id, user_id=sender.user_id, data=query.data or ""
        )
        if press is None:
            handled = await self.coach.expired(sender)
        else:
            handled = await self.coach.handle(
                sender,
                ButtonPressed(press.value),
                button_version=press.version,
                update_id=update.update_id,
            )
        # Always answer, so the runner's spinner stops; expired presses also get a toast.
        await query.answer(t("core.expired_toast") if handled.expired else None)
        if message is None:
            await self.send(sender.chat_id, handled.replies, version=handled.version)
            return
        await self._after_press(query, message, handled, sender.chat_id)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if isinstance(context.error, Forbidden):
            # The runner blocked the bot between writing and our reply: nothing is wrong on our
            # side, and an apology would be refused too. Their next reminder meets the same
            # refusal and cancels their nudges (the dispatcher's path).
            log.info("reply not sent: the runner has blocked the bot")
            return
        unreachable = isinstance(context.error, DatabaseUnavailableError)
        if unreachable:
            # Expected while the database is down or locked: one line, no traceback.
            log.warning("update not handled, database unreachable: %s", context.error)
        else:
            log.error("update failed", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            if unreachable and update.callback_query is not None:
                # The coach failed before on_button could answer: stop the runner's spinner.
                with contextlib.suppress(TelegramError):
                    await update.callback_query.answer()
            try:
                text = t("core.database_down") if unreachable else t("core.error")
                await update.effective_chat.send_message(text)
            except TelegramError:
                log.warning("could not tell the runner about the error", exc_info=True)

    # ------------------------------------------------------------ outputs

    async def _handle(self, update: Update, event: UserInput) -> None:
        sender = self._sender(update)
        handled = await self.coach.handle(sender, event, update_id=update.update_id)
        await self.send(sender.chat_id, handled.replies, version=handled.version)

    @staticmethod
    def _sender(update: Update) -> Sender:
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None
        # Only private chats reach the coach (see attach): a group must never become the chat
        # where a runner's replies and reminders go.
        assert chat.type == ChatType.PRIVATE, chat.type
        return Sender(user.id, chat.id, user.first_name or "")

    async def _after_press(
        self, query: CallbackQuery, message: Message, handled: Handled, chat_id: int
    ) -> None:
        replies = handled.replies
        if handled.same_step and replies and replies[0].buttons and not replies[0].attachment:
            # A toggle on the same question (multi-select): redraw it in place.
            first = replies[0]
            markup = keyboard(first, self.codec, chat_id=chat_id, version=handled.version)
            try:
                await message.edit_text(first.text, parse_mode=ParseMode.HTML, reply_markup=markup)
            except BadRequest as exc:
                if "not modified" not in str(exc):
                    raise
            replies = replies[1:]
        elif handled.expired:
            await self._drop_buttons(message)
        else:
            await self._show_choice(query, message)
        await self.send(chat_id, replies, version=handled.version)

    async def _show_choice(self, query: CallbackQuery, message: Message) -> None:
        """Edit the question to show what was chosen and drop its buttons."""
        label = next(
            (
                button.text
                for row in (message.reply_markup.inline_keyboard if message.reply_markup else ())
                for button in row
                if button.callback_data == query.data
            ),
            None,
        )
        if label is None or message.text is None:
            await self._drop_buttons(message)
            return
        text = f"{message.text_html}\n\n✅ {html.escape(label, quote=False)}"
        await message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=None)

    @staticmethod
    async def _drop_buttons(message: Message) -> None:
        if message.reply_markup is None:
            return
        try:
            await message.edit_reply_markup(reply_markup=None)
        except BadRequest:
            log.debug("old buttons already gone", exc_info=True)

    async def send(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        """Send replies in order; long texts are split, buttons go on the last part."""
        bot = self.application.bot
        for reply in replies:
            markup = keyboard(reply, self.codec, chat_id=chat_id, version=version)
            if reply.attachment is not None:
                await self._send_attachment(chat_id, reply, markup)
                continue
            parts = split_text(reply.text)
            for index, part in enumerate(parts):
                await bot.send_message(
                    chat_id,
                    part,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup if index == len(parts) - 1 else None,
                )

    async def deliver(self, chat_id: int, replies: tuple[Reply, ...], *, version: int) -> None:
        """The dispatcher's transport: send, translating Telegram's refusals."""
        try:
            await self.send(chat_id, replies, version=version)
        except Forbidden as exc:
            raise RunnerBlockedError(str(exc)) from exc
        except RetryAfter as exc:
            # PTB 22 gives seconds as an int, later versions a timedelta.
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            raise RetryLaterError(str(exc), after=seconds) from exc
        except BadRequest:
            raise  # our message was malformed: retrying would fail the same way
        except NetworkError as exc:
            raise RetryLaterError(str(exc)) from exc

    async def _send_attachment(
        self, chat_id: int, reply: Reply, markup: InlineKeyboardMarkup | None
    ) -> None:
        attachment = reply.attachment
        assert attachment is not None
        bot = self.application.bot
        upload = InputFile(attachment.content, filename=attachment.filename)
        caption = reply.text if len(reply.text) <= CAPTION_LIMIT else None
        if attachment.kind == "photo":
            await bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
            await bot.send_photo(
                chat_id, upload, caption=caption, parse_mode=ParseMode.HTML, reply_markup=markup
            )
        else:
            await bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
            await bot.send_document(
                chat_id, upload, caption=caption, parse_mode=ParseMode.HTML, reply_markup=markup
            )
        if caption is None:
            for part in split_text(reply.text):
                await bot.send_message(chat_id, part, parse_mode=ParseMode.HTML)

    # ------------------------------------------------------------ assembly

    def attach(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Register every handler on the application."""
        self.application = application
        private = PRIVATE_MESSAGES
        for name, _description in router.commands():
            application.add_handler(
                CommandHandler(name, partial(self.on_command, name), filters=private)
            )
        application.add_handler(MessageHandler(OUR_OTHER_COMMANDS, self.on_unknown_command))
        application.add_handler(
            MessageHandler(private & filters.TEXT & ~filters.COMMAND, self.on_text)
        )
        application.add_handler(MessageHandler(private & filters.LOCATION, self.on_location))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_handler(
            MessageHandler(private & ~filters.COMMAND & ~filters.StatusUpdate.ALL, self.on_other)
        )
        application.add_handler(MessageHandler(GROUP_MESSAGES, GroupExit()))
        # Anything else (channel posts, edits, my_chat_member, inline queries) is ignored.
        application.add_error_handler(self.on_error)


def file_url_for(base_url: str) -> str:
    """Telegram serves files under /file/bot<token>/ beside /bot<token>/."""
    root, _, _ = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/bot"


async def register_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Show the commands in Telegram's menu."""
    await application.bot.set_my_commands(
        [BotCommand(name, description) for name, description in router.commands()]
    )


@asynccontextmanager
async def running(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    polling: bool,
    poll_timeout: int = 10,
) -> AsyncIterator[None]:
    """Start the application (and long polling, with the command menu), stop it on exit."""
    async with application:
        await application.start()
        if polling:
            assert application.updater is not None
            await register_commands(application)
            await application.updater.start_polling(poll_interval=0, timeout=poll_timeout)
        try:
            yield
        finally:
            if polling and application.updater is not None:
                await application.updater.stop()
            if application.job_queue is not None:
                # No new run may start while PTB waits for the running ones: APScheduler's
                # shutdown cancels one started in that gap, and logs it as an error.
                application.job_queue.scheduler.pause()
            await application.stop()


def build_application(
    *,
    token: str,
    base_url: str,
    coach: Coach,
    dispatcher: Callable[[TelegramFrontEnd], Dispatcher] | None = None,
    retention: Callable[[], Awaitable[object]] | None = None,
    rate_per_second: float = 30,
    tick_seconds: float = 5,
    budget: SendBudget | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB application wired to the coach, with the dispatcher on PTB's JobQueue; every
    Bot API call waits for `budget` (shared by every process), or for one of this process's
    own at `rate_per_second`."""
    application = (
        ApplicationBuilder()
        # Counted for /metrics: updates by kind and outcome, Bot API calls by method and status.
        .application_class(ObservedApplication)
        .request(CountedRequest(connection_pool_size=256))
        .get_updates_request(CountedRequest(connection_pool_size=1))
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url_for(base_url))
        .concurrent_updates(PerUserUpdateProcessor())
        .rate_limiter(
            BudgetRateLimiter(budget or make_budget(rate_per_second=rate_per_second))
        )
        .build()
    )
    front = TelegramFrontEnd(coach, CallbackCodec.for_token(token))
    front.attach(application)
    if dispatcher is not None:
        ticker = dispatcher(front)

        async def tick(_context: ContextTypes.DEFAULT_TYPE) -> None:
            await ticker.tick()

        assert application.job_queue is not None
        application.job_queue.run_repeating(
            tick,
            interval=tick_seconds,
            first=0,
            name="dispatch-due-messages",
            job_kwargs={
                # A tick is idempotent and cheap to skip: never run two at once, fold missed
                # ticks (e.g. after the loop was blocked) into one, and never drop a late one.
                "max_instances": 1,
                "coalesce": True,
                "misfire_grace_time": None,
            },
        )
    if retention is not None:

        async def purge(_context: ContextTypes.DEFAULT_TYPE) -> None:
            await retention()

        assert application.job_queue is not None
        application.job_queue.run_repeating(
            purge,
            interval=timedelta(days=1),
            first=timedelta(minutes=1),
            name="purge-old-data",
            # Daily and idempotent: one late run is as good as several.
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )
    return application
