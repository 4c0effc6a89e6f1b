/* ingest_pulumi.c - Pulumi stack exports and previews (and SST v3) into the
 * model. */
#include "ingest.h"

int eg_ingest_pulumi(eg_model *m, const eg_source *src, const eg_ydoc *doc, eg_error *err)
{
	(void)m;
	(void)doc;
	return eg_error_set(err, EG_ERR_INPUT, src->path, 1, 1, "Pulumi input is not read yet");
}
