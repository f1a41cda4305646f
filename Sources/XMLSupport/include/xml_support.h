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

/// Releases a message returned by this library.
void gqa_xml_free(char *message);

#ifdef __cplusplus
}
#endif

#endif
