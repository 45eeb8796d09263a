"""A small server speaking OpenAI's chat completions API with scripted answers, for testing
Sluice's chat model planner.

    python openai_chat_server.py --log requests.jsonl --script answers.json [--api-key KEY]

Binds 127.0.0.1 on a free port and prints the port on stdout (one line), then serves
`POST /v1/chat/completions` as https://platform.openai.com/docs/api-reference/chat/create
describes it:

- request: {"model": str, "messages": [{"role": "system" | "user" | "assistant", "content":
  str}, ...], "response_format": {"type": "json_object"} (optional), "temperature": number
  (optional)}; anything else is a 400 in OpenAI's error format.
- with --api-key, `Authorization: Bearer KEY` must match, else 401 (`invalid_api_key`).

Answers come from --script, a JSON list used in order, one entry per valid request:

- {"content": TEXT}: 200 with a chat completion whose choices[0].message.content is TEXT;
- {"status": N, "message": TEXT}: status N with OpenAI's error body carrying TEXT;
- {"delay": SECONDS, "content": TEXT}: waits, then answers TEXT (for timeouts);
- {"raw": TEXT}: 200 with TEXT as the whole body (not a chat completion).

A request after the script ran out gets a 500 saying so.

Every request (also refused ones) is appended to --log as one JSON line:
{"path": ..., "status": ..., "authorization": "<header or null>", "body": "<body as sent>"}.

The server stops when its stdin closes, so it never outlives the test that started it.
"""

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def error_body(message, kind, code=None, param=None):
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


class State:
    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        with open(options.script, encoding="utf-8") as file:
            self.script = json.load(file)
        self.used = 0

    def next_answer(self):
        with self.lock:
            if self.used >= len(self.script):
                return None
            self.used += 1
            return self.script[self.used - 1]

    def log(self, entry):
        with self.lock:
            with open(self.options.log, "a", encoding="utf-8") as file:
                file.write(json.dumps(entry, ensure_ascii=False) + "\n")


def check(request):
    """(param, message) of the first thing OpenAI would refuse, else None."""
    if not isinstance(request, dict):
        return None, "The request body must be a JSON object."
    if not isinstance(request.get("model"), str) or not request["model"]:
        return "model", "you must provide a model parameter"
    messages = request.get("messages")
    if not isinstance(messages, list) or not messages:
        return "messages", "'messages' must be a non-empty array"
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("system", "user", "assistant"):
            return f"messages[{index}].role", "each message needs a role of system, user or assistant"
        if not isinstance(message.get("content"), str):
            return f"messages[{index}].content", "each message needs text content"
        if set(message) - {"role", "content"}:
            return f"messages[{index}]", "unknown message field"
    response_format = request.get("response_format")
    if response_format is not None and response_format != {"type": "json_object"}:
        return "response_format", "'response_format' must be {\"type\": \"json_object\"} here"
    temperature = request.get("temperature")
    if temperature is not None and (isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not 0 <= temperature <= 2):
        return "temperature", "'temperature' must be a number from 0 to 2"
    unknown = set(request) - {"model", "messages", "response_format", "temperature"}
    if unknown:
        return sorted(unknown)[0], f"Unrecognized request argument supplied: {sorted(unknown)[0]}"
    return None


def completion(model, content):
    return {
        "id": "chatcmpl-sluice-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def make_handler(state):
    options = state.options

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def send(self, status, data, raw_body):
            state.log({
                "path": self.path,
                "status": status,
                "authorization": self.headers.get("Authorization"),
                "body": raw_body.decode("utf-8", errors="replace"),
            })
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def answer(self, status, payload, raw_body):
            self.send(status, json.dumps(payload).encode("utf-8"), raw_body)

        def do_GET(self):
            self.answer(404, error_body(f"Unknown request URL: GET {self.path}.", "invalid_request_error", "unknown_url"), b"")

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path != "/v1/chat/completions":
                self.answer(404, error_body(f"Unknown request URL: POST {self.path}.", "invalid_request_error", "unknown_url"), raw)
                return
            if options.api_key is not None and self.headers.get("Authorization") != f"Bearer {options.api_key}":
                self.answer(401, error_body("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"), raw)
                return
            try:
                request = json.loads(raw)
            except ValueError as error:
                self.answer(400, error_body(f"We could not parse the JSON body of your request: {error}", "invalid_request_error"), raw)
                return
            problem = check(request)
            if problem:
                self.answer(400, error_body(problem[1], "invalid_request_error", None, problem[0]), raw)
                return
            scripted = state.next_answer()
            if scripted is None:
                self.answer(500, error_body("the test script has no answer left", "server_error"), raw)
                return
            if "delay" in scripted:
                time.sleep(scripted["delay"])
            if "raw" in scripted:
                self.send(200, scripted["raw"].encode("utf-8"), raw)
            elif "status" in scripted:
                self.answer(scripted["status"], error_body(scripted.get("message", ""), "server_error"), raw)
            else:
                self.answer(200, completion(request["model"], scripted["content"]), raw)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True, help="file every request is appended to, one JSON line each")
    parser.add_argument("--script", required=True, help="JSON list of the answers to give, in order")
    parser.add_argument("--api-key", help="the bearer key requests must carry (none checked when absent)")
    options = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(State(options)))
    server.daemon_threads = True
    print(server.server_address[1], flush=True)

    def stop_when_stdin_closes():
        sys.stdin.read()
        server.shutdown()

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
