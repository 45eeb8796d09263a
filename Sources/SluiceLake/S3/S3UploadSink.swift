import NIOHTTP1
import Parquet

/// Writes one object of an ``S3Store``, in one PUT or as a multipart upload.
///
/// Bytes are buffered until ``close()``. If they grow past
/// ``S3Configuration/multipartThreshold`` the sink starts a multipart upload and sends
/// each full ``S3Configuration/partSize`` part as soon as it has one, so memory stays
/// near one part however large the object; ``close()`` sends the rest as the last part
/// and completes the upload. Until then the key keeps its old object (S3 makes the new
/// one visible only on completion), and ``abort()``, a failure along the way, or
/// dropping the sink unclosed aborts the upload so the server discards the parts it holds.
///
/// Parts are sent one after the other: a writer usually produces bytes no faster than
/// one connection carries them, and ordering keeps memory bounded.
final class S3UploadSink: ByteSink {
    private let client: S3Client
    private let key: String
    private var buffer: [UInt8] = []
    private var uploadID: String?
    /// Number and ETag of every part sent, for CompleteMultipartUpload.
    private var parts: [(number: Int, etag: String)] = []
    private var finished = false

    /// S3 numbers parts 1 to 10,000.
    private static let maximumParts = 10_000

    init(client: S3Client, key: String) {
        self.client = client
        self.key = key
    }

    /// A sink dropped mid-upload (its writer threw and nobody called ``abort()``) still
    /// tells the server to discard the parts, in the background since deinit cannot wait.
    deinit {
        if let uploadID { Self.abortInBackground(uploadID, key: key, client: client) }
    }

    private static func abortInBackground(_ uploadID: String, key: String, client: S3Client) {
        Task { await abortUpload(uploadID, key: key, client: client) }
    }

    func write(_ bytes: [UInt8]) async throws {
        guard !finished else { throw LakeError(.io, location: client.location, key: key, message: "write after close") }
        buffer.append(contentsOf: bytes)
        guard isMultipart else { return }
        try await failing { try await sendFullParts() }
    }

    func close() async throws {
        guard !finished else { return }
        finished = true
        guard isMultipart else {
            var request = S3Request(.PUT, key: key)
            request.body = buffer
            buffer = []
            _ = try await client.send(request)
            return
        }
        try await failing {
            try await sendFullParts()
            if !buffer.isEmpty || parts.isEmpty {
                let last = buffer
                buffer = []
                try await upload(last)
            }
            try await complete()
        }
    }

    func abort() async {
        finished = true
        buffer = []
        await abortUpload()
    }

    // MARK: Multipart steps

    /// Once an object has outgrown one PUT, it stays a multipart upload.
    private var isMultipart: Bool {
        uploadID != nil || buffer.count > client.configuration.multipartThreshold
    }

    private func sendFullParts() async throws {
        let partSize = client.configuration.partSize
        while buffer.count >= partSize {
            let part = Array(buffer[..<partSize])
            buffer.removeFirst(partSize)
            try await upload(part)
        }
    }

    /// Runs `body`; if it throws, aborts the upload before passing the error on.
    private func failing(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            finished = true
            buffer = []
            await abortUpload()
            throw error
        }
    }

    private func upload(_ part: [UInt8]) async throws {
        let uploadID = try await startIfNeeded()
        let number = parts.count + 1
        guard number <= Self.maximumParts else {
            throw LakeError(.io, location: client.location, key: key, message: "the object needs more than \(Self.maximumParts) parts of \(client.configuration.partSize) bytes; raise partSize")
        }
        var request = S3Request(.PUT, key: key, operation: "UploadPart \(number)")
        request.query = [("partNumber", String(number)), ("uploadId", uploadID)]
        request.body = part
        let response = try await client.send(request)
        guard let etag = response.headers.first(name: "etag") else {
            throw LakeError(.malformedData, location: client.location, key: key, message: "UploadPart \(number) at \(client.endpoint) returned no ETag")
        }
        parts.append((number, etag))
    }

    private func startIfNeeded() async throws -> String {
        if let uploadID { return uploadID }
        var request = S3Request(.POST, key: key, operation: "CreateMultipartUpload")
        request.query = [("uploads", "")]
        let response = try await client.send(request)
        guard let id = XMLTree(parsing: response.body)?.text(of: "UploadId"), !id.isEmpty else {
            throw LakeError(.malformedData, location: client.location, key: key, message: "CreateMultipartUpload at \(client.endpoint) returned no UploadId")
        }
        uploadID = id
        return id
    }

    private func complete() async throws {
        guard let uploadID else { return }
        let partList = parts.map { "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(XMLTree.escape($0.etag))</ETag></Part>" }
        var request = S3Request(.POST, key: key, operation: "CompleteMultipartUpload")
        request.query = [("uploadId", uploadID)]
        request.body = Array(("<CompleteMultipartUpload>" + partList.joined() + "</CompleteMultipartUpload>").utf8)
        let response = try await client.send(request)
        if let failure = S3ErrorResponse.embedded(in: response.body) {
            throw client.error(failure, request)
        }
        self.uploadID = nil
    }

    /// Best effort: if the abort fails too, the caller's error is the one worth reporting,
    /// and servers expire abandoned uploads by their lifecycle rules.
    private func abortUpload() async {
        guard let uploadID else { return }
        self.uploadID = nil
        await Self.abortUpload(uploadID, key: key, client: client)
    }

    private static func abortUpload(_ uploadID: String, key: String, client: S3Client) async {
        var request = S3Request(.DELETE, key: key, operation: "AbortMultipartUpload")
        request.query = [("uploadId", uploadID)]
        _ = try? await client.send(request)
    }
}
