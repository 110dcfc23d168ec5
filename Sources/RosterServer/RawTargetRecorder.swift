import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Writes a request target that is not a path (absolute-form, asterisk-form) into the header
/// ``RequestGate/rawTargetHeader``, which it first removes from what the client sent, so the
/// responder can check the target's authority as it checks the Host header.
final class RawTargetRecorder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        head.headers.remove(name: RequestGate.rawTargetHeader)
        if !head.uri.hasPrefix("/") { head.headers.add(name: RequestGate.rawTargetHeader, value: head.uri) }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
