import Foundation

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
    /// what is inside hidden folders left out; links are not followed.
    public static func entries(under directory: URL) -> [(path: String, isDirectory: Bool)] {
        guard let enumerator = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.isDirectoryKey, .isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let base = directory.standardizedFileURL.path
        var found: [(path: String, isDirectory: Bool)] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey])
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            let relative = String(path.dropFirst(base.count + 1))
            if values?.isDirectory == true {
                found.append((relative, true))
            } else if values?.isRegularFile == true {
                found.append((relative, false))
            }
        }
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
