import Crypto
import Foundation

/// SHA-256 of file contents, in lower-case hex: the identity of every input in the provenance.
public enum FileDigest {
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
