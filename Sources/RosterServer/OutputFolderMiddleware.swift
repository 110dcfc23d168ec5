#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Hummingbird
import RosterCore

/// Serves the output folder for any GET or HEAD no route claimed, as Hummingbird's
/// `FileMiddleware` does, with the styled 404 page for a refused or missing path.
///
/// Not `FileMiddleware` itself, for three reasons it cannot meet:
/// - its `LocalFileSystem` provider follows symbolic links (NIO's `info(forFileAt:)` and its
///   reads), and a provider of our own could refuse them only with a check before the read;
///   here each folder is opened one step at a time with `O_NOFOLLOW` (``FileAccess``);
/// - it sends `Content-Length` from the attributes it reads before the file, while the preview
///   adds the error overlay to HTML after reading, and a rebuild may rewrite a page between
///   the two: one read, then the length of what is sent;
/// - it answers a folder URL without its slash (`/orgs/acme`) with a redirect; the preview has
///   always served the folder's index there.
/// Content types come from the project's one table, ``RequestGate/contentType(_:)``.
struct OutputFolderMiddleware<Context: RequestContext>: RouterMiddleware {
    let output: String
    let state: PreviewState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return await serve(request)
        }
    }

    func serve(_ request: Request) async -> Response {
        let head = request.method == .head
        let errors = await state.errors
        guard case .file(let relative) = RequestGate.path(request.uri.description), let found = Self.read(output, relative) else {
            return Self.notFound(output, errors: errors, head: head)
        }
        return Self.page(found.bytes, name: found.name, status: .ok, errors: errors, head: head)
    }

    /// The file at `relative` (a folder's `index.html` for a folder), never through a symbolic
    /// link at any step, and only a regular file.
    static func read(_ output: String, _ relative: String) -> (bytes: [UInt8], name: String)? {
        let parts = relative.split(separator: "/").map(String.init)
        guard let name = parts.last, case .success(let folder) = FileAccess.openFolder(root: output, parts.dropLast().joined(separator: "/"))
        else { return nil }
        defer { close(folder) }
        switch FileAccess.read(in: folder, name) {
        case .success(let bytes):
            return (bytes, name)
        case .failure(.notRegularFile):
            guard case .success(let inner) = FileAccess.openFolder(root: output, relative) else { return nil }
            defer { close(inner) }
            return (try? FileAccess.read(in: inner, "index.html").get()).map { ($0, "index.html") }
        case .failure:
            return nil
        }
    }

    /// The portal's own 404 page (styled, links from the site root), or a bare one when the
    /// first build has not written it.
    static func notFound(_ output: String, errors: [String], head: Bool) -> Response {
        let bytes = read(output, "404.html")?.bytes ?? Array("<!doctype html><title>roster</title><h1>Not found</h1>".utf8)
        return page(bytes, name: "404.html", status: .notFound, errors: errors, head: head)
    }

    /// A file's bytes, with the error overlay added to HTML while the last build failed.
    static func page(_ file: [UInt8], name: String, status: HTTPResponse.Status, errors: [String], head: Bool) -> Response {
        var bytes = file
        if name.hasSuffix(".html"), !errors.isEmpty {
            var text = String(decoding: bytes, as: UTF8.self)
            let overlay = PreviewAssets.overlay(errors)
            if let end = text.range(of: "</body>", options: .backwards) {
                text.insert(contentsOf: overlay, at: end.lowerBound)
            } else {
                text += overlay
            }
            bytes = Array(text.utf8)
        }
        var headers = HTTPFields()
        headers[.contentType] = RequestGate.contentType(name)
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
