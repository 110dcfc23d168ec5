#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Hummingbird
import RosterCore

/// Serves the files the preview's builds wrote into the output folder for any GET or HEAD no
/// route claimed, as Hummingbird's `FileMiddleware` does, with the styled 404 page for a
/// refused or missing path. A file that is in the folder but that no build of this preview
/// wrote (an export, `.eml` files, a key someone saved there) is missing: the folder is shared
/// with the user and other tools, and only what roster wrote is the portal.
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
    /// Whether the last finished build wrote a path (``RosterSite/BuildSession/wrote(_:)``).
    let listed: @Sendable (String) -> Bool

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
        guard case .file(let relative) = RequestGate.path(request.uri.description), let found = Self.read(output, relative, listed: listed)
        else {
            return Self.notFound(output, listed: listed, errors: errors, head: head)
        }
        return Self.page(found.bytes, name: found.name, status: .ok, errors: errors, head: head)
    }

    /// The file at `relative` if a build wrote it, or else the `index.html` a build wrote in the
    /// folder `relative` (a folder URL without its slash); never through a symbolic link at any
    /// step, and only a regular file, even when the build's file was replaced by something else.
    static func read(_ output: String, _ relative: String, listed: (String) -> Bool) -> (bytes: [UInt8], name: String)? {
        let path = listed(relative) ? relative : relative + "/index.html"
        let parts = path.split(separator: "/").map(String.init)
        guard listed(path), let name = parts.last,
            case .success(let folder) = FileAccess.openFolder(root: output, parts.dropLast().joined(separator: "/"))
        else { return nil }
        defer { close(folder) }
        return (try? FileAccess.read(in: folder, name).get()).map { ($0, name) }
    }

    /// The portal's own 404 page (styled, links from the site root), or a bare one when the
    /// last finished build did not write it.
    static func notFound(_ output: String, listed: (String) -> Bool, errors: [String], head: Bool) -> Response {
        let bytes = read(output, "404.html", listed: listed)?.bytes ?? Array("<!doctype html><title>roster</title><h1>Not found</h1>".utf8)
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
