#!/usr/bin/env bash
# Regenerates event.pb.swift from event.proto. Needs protoc (Debian: protobuf-compiler) and
# protoc-gen-swift from apple/swift-protobuf at the version Package.swift resolves:
#   swift build -c release --product protoc-gen-swift   (in a checkout of swift-protobuf)
# The generated file is committed, so building gqa-report needs neither tool.
set -euo pipefail
cd "$(dirname "$0")"
protoc --plugin=protoc-gen-swift="${PROTOC_GEN_SWIFT:-protoc-gen-swift}" --swift_out=. --swift_opt=Visibility=Internal event.proto
