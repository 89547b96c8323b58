import { z } from 'zod';

// zod probes `new Function('')` to decide whether to compile fast parsers. Under the page's CSP
// (script-src 'self', no 'unsafe-eval') the probe fails anyway but is reported as a CSP violation
// on every load, so the browser build opts out of the probe and its compiled parsers.
z.config({ jitless: true });
