#ifndef GQA_XML_SUPPORT_H
#define GQA_XML_SUPPORT_H

// A plain-C face over libxml2. Swift sees only these declarations, never libxml2's own
// headers: those drag in ICU, whose definitions clash with Foundation's (shared/PLATFORM.md).

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Validates the XML document in `xml` (`length` bytes, named `document_name` in messages)
/// against the XSD schema file at `xsd_path`. The document is parsed with network access off
/// and without entity expansion or external DTDs.
/// Returns NULL when the document is well formed and valid. Otherwise returns a newly
/// allocated text, one problem a line as "name:line: message", to be released with
/// gqa_xml_free.
char *gqa_xml_validate(const char *xml, size_t length, const char *document_name,
                       const char *xsd_path);

/// Checks that `xml` is well formed when parsed with the same safe options.
/// Returns NULL or a message, as gqa_xml_validate does.
char *gqa_xml_check_well_formed(const char *xml, size_t length, const char *document_name);

/// Called for each element of a document read by gqa_xml_read, in document order: once with
/// `is_end` = 0 when the element opens and once with `is_end` = 1 when it closes.
/// `attributes` holds name, value pairs and ends with NULL; `text` is the element's own text
/// (its direct text children joined); `line` is where the element starts.
typedef void (*gqa_xml_element_fn)(void *context, int is_end, const char *name,
                                   const char *const *attributes, const char *text, int line);

/// Parses `xml` safely (as gqa_xml_validate does), validates it against `xsd_path` when that is
/// not NULL, and then walks its elements through `callback`. Returns NULL on success, else a
/// message as gqa_xml_validate does; on failure the callback is not called.
char *gqa_xml_read(const char *xml, size_t length, const char *document_name,
                   const char *xsd_path, gqa_xml_element_fn callback, void *context);

/// Releases a message returned by this library.
void gqa_xml_free(char *message);

#ifdef __cplusplus
}
#endif

#endif
