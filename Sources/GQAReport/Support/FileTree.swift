import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Listing files under a folder in a stable order, so nothing depends on the order the file
/// system returns them in.
public enum FileTree {
    /// Paths (relative, `/`-separated, sorted) of the regular files under `directory`;
    /// hidden files and folders are left out. Empty when the folder does not exist.
    public static func regularFiles(under directory: URL) -> [String] {
        let paths = FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []
        return paths.sorted().filter { path in
            guard !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return false }
            return isRegularFile(directory.appendingPathComponent(path))
        }
    }

    /// Every file and folder under `directory` (relative paths, sorted), hidden ones and
    /// what is inside hidden folders left out; links are not followed. Read with readdir's
    /// entry types (lstat where the file system gives none): a sweep's folders are walked in
    /// well under a millisecond a run, where URL resource values took about half of one.
    public static func entries(under directory: URL) -> [(path: String, isDirectory: Bool)] {
        var found: [(path: String, isDirectory: Bool)] = []
        func walk(_ absolute: String, _ relative: String) {
            guard let handle = opendir(absolute) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                guard !name.hasPrefix(".") else { continue }
                let path = absolute + "/" + name, shown = relative.isEmpty ? name : relative + "/" + name
                var kind = entry.pointee.d_type
                if kind == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(path, &info) == 0 else { continue }
                    kind = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                }
                if kind == UInt8(DT_DIR) {
                    found.append((shown, true))
                    walk(path, shown)
                } else if kind == UInt8(DT_REG) {
                    found.append((shown, false))
                }
            }
        }
        walk(directory.standardizedFileURL.path, "")
        return found.sorted { $0.path < $1.path }
    }

    public static func isRegularFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    public static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
