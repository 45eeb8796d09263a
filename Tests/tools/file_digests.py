"""Fingerprints every file under a folder: to show a run left the lake untouched.

Usage: file_digests.py DIR

stdout: {relative path: {"size": bytes, "mtime_ns": modification time, "sha256": hex}}.
"""
import hashlib
import json
import os
import sys


def main():
    root = sys.argv[1]
    digests = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            status = os.stat(path)
            with open(path, "rb") as file:
                digest = hashlib.sha256(file.read()).hexdigest()
            digests[os.path.relpath(path, root)] = {"size": status.st_size, "mtime_ns": status.st_mtime_ns, "sha256": digest}
    json.dump(digests, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
