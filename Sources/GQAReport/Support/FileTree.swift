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

    public static func isRegularFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    public static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
