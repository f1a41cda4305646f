import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's size, modification time (ns) and inode: when all three are what they were when
/// the file was hashed, the file is taken to still have that hash (git's index does the
/// same), so an unchanged sweep is not read again to be hashed.
public struct FileStamp: Codable, Equatable, Sendable {
    public var size: Int64
    /// Nanoseconds since 1970 (`st_mtim` on Linux, `st_mtimespec` on Darwin).
    public var modified: Int64
    public var inode: UInt64

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        #if os(Linux)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #else
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #endif
        inode = UInt64(info.st_ino)
    }
}
