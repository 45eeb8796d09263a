"""A small server speaking OpenAI's embeddings API, for testing Sluice's remote embedder.

    python openai_embeddings_server.py --log requests.jsonl [--api-key KEY]
        [--dimensions 64] [--fail-first N --fail-status 429] [--drop-first N]
        [--ignore-dimensions] [--omit-last]

Binds 127.0.0.1 on a free port and prints the port on stdout (one line), then serves
`POST /v1/embeddings` as https://platform.openai.com/docs/api-reference/embeddings
describes it:

- request: {"model": str, "input": str | [str], "encoding_format": "float" | "base64",
  "dimensions": int (optional)}; anything else is a 400 in OpenAI's error format.
- with --api-key, `Authorization: Bearer KEY` must match, else 401 with OpenAI's
  `invalid_api_key` error.
- answer: {"object": "list", "data": [{"object": "embedding", "index": i,
  "embedding": [...]}], "model": ..., "usage": {"prompt_tokens": n, "total_tokens": n}}.
  Vectors are unit length and deterministic: SHA-256 of model and text seeds them, so
  the same text always gives the same vector and different texts differ. Their length is
  `dimensions` when asked, else --dimensions. prompt_tokens counts whitespace-separated
  words of every input.

Faults for retry tests, counted over all requests in arrival order:
--fail-first N answers the first N requests with --fail-status (429 or 5xx) in OpenAI's
error format; --drop-first N closes the connection of the first N requests without any
answer. Servers that fall short of the API: --ignore-dimensions answers with --dimensions
whatever the request asks (as servers without the `dimensions` parameter do);
--omit-last leaves out the last input's vector.

Every request (also refused ones) is appended to --log as one JSON line:
{"path": ..., "status": ..., "authorization": true|false, "body": "<body as sent>"}.

The server stops when its stdin closes, so it never outlives the test that started it.
"""

import argparse
import base64
import hashlib
import json
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def vector_for(model, text, dimensions):
    values = []
    counter = 0
    seed = hashlib.sha256(f"{model}\0{text}".encode("utf-8")).digest()
    while len(values) < dimensions:
        block = hashlib.sha256(seed + counter.to_bytes(4, "little")).digest()
        for offset in range(0, len(block), 4):
            word = int.from_bytes(block[offset:offset + 4], "little")
            values.append(word / 0xFFFFFFFF * 2.0 - 1.0)
        counter += 1
    values = values[:dimensions]
    norm = sum(v * v for v in values) ** 0.5 or 1.0
    return [v / norm for v in values]


def error_body(message, kind, code, param=None):
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


class State:
    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.requests = 0

    def next_request(self):
        with self.lock:
            self.requests += 1
            return self.requests

    def log(self, entry):
        with self.lock:
            with open(self.options.log, "a", encoding="utf-8") as file:
                file.write(json.dumps(entry, ensure_ascii=False) + "\n")


def make_handler(state):
    options = state.options

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def answer(self, status, payload, raw_body):
            self.log_entry(status, raw_body)
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_entry(self, status, raw_body):
            state.log({
                "path": self.path,
                "status": status,
                "authorization": self.headers.get("Authorization") is not None,
                "body": raw_body.decode("utf-8", errors="replace"),
            })

        def do_GET(self):
            self.answer(404, error_body(f"Unknown request URL: GET {self.path}.", "invalid_request_error", "unknown_url"), b"")

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            number = state.next_request()
            if number <= options.drop_first:
                self.log_entry(0, raw)
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if number <= options.drop_first + options.fail_first:
                if options.fail_status == 429:
                    body = error_body("Rate limit reached for requests. Please try again in 0s.", "requests", "rate_limit_exceeded")
                else:
                    body = error_body("The server had an error while processing your request. Sorry about that!", "server_error", None)
                self.answer(options.fail_status, body, raw)
                return
            if self.path != "/v1/embeddings":
                self.answer(404, error_body(f"Unknown request URL: POST {self.path}.", "invalid_request_error", "unknown_url"), raw)
                return
            if options.api_key is not None and self.headers.get("Authorization") != f"Bearer {options.api_key}":
                self.answer(401, error_body("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"), raw)
                return
            try:
                request = json.loads(raw)
            except ValueError as error:
                self.answer(400, error_body(f"We could not parse the JSON body of your request: {error}", "invalid_request_error", None), raw)
                return
            problem = self.check(request)
            if problem:
                self.answer(400, error_body(problem[1], "invalid_request_error", None, problem[0]), raw)
                return
            texts = request["input"] if isinstance(request["input"], list) else [request["input"]]
            dimensions = options.dimensions if options.ignore_dimensions else request.get("dimensions") or options.dimensions
            data = []
            for index, text in enumerate(texts):
                vector = vector_for(request["model"], text, dimensions)
                if request.get("encoding_format") == "base64":
                    vector = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")
                data.append({"object": "embedding", "index": index, "embedding": vector})
            if options.omit_last:
                data.pop()
            # Real servers do not promise input order; answering in reverse makes clients sort by index.
            data.reverse()
            tokens = sum(len(text.split()) for text in texts)
            self.answer(200, {
                "object": "list",
                "data": data,
                "model": request["model"],
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            }, raw)

        @staticmethod
        def check(request):
            if not isinstance(request, dict):
                return None, "The request body must be a JSON object."
            if not isinstance(request.get("model"), str) or not request["model"]:
                return "model", "you must provide a model parameter"
            texts = request.get("input")
            if isinstance(texts, str):
                texts = [texts]
            if not isinstance(texts, list) or not texts or not all(isinstance(t, str) and t for t in texts):
                return "input", "'input' must be a non-empty string or a non-empty array of non-empty strings"
            if len(texts) > 2048:
                return "input", "'input' must have at most 2048 items"
            if request.get("encoding_format", "float") not in ("float", "base64"):
                return "encoding_format", "'encoding_format' must be 'float' or 'base64'"
            dimensions = request.get("dimensions")
            if dimensions is not None and (not isinstance(dimensions, int) or isinstance(dimensions, bool) or dimensions < 1):
                return "dimensions", "'dimensions' must be a positive integer"
            unknown = set(request) - {"model", "input", "encoding_format", "dimensions", "user"}
            if unknown:
                return sorted(unknown)[0], f"Unrecognized request argument supplied: {sorted(unknown)[0]}"
            return None

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True, help="file every request is appended to, one JSON line each")
    parser.add_argument("--api-key", help="the bearer key requests must carry (none checked when absent)")
    parser.add_argument("--dimensions", type=int, default=64, help="vector length when a request does not ask for one")
    parser.add_argument("--fail-first", type=int, default=0, help="answer the first N requests with --fail-status")
    parser.add_argument("--fail-status", type=int, default=429, help="status of the failed answers (429 or 5xx)")
    parser.add_argument("--drop-first", type=int, default=0, help="close the first N connections without an answer")
    parser.add_argument("--ignore-dimensions", action="store_true", help="answer with --dimensions whatever the request asks")
    parser.add_argument("--omit-last", action="store_true", help="leave out the last input's vector")
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
