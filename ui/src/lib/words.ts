// Sentences built from the core's status values, shared by more than one view.

import type { TunnelState } from "../api";
import { t } from "./i18n";

/** The managed tunnel's state, in staff's words. */
export function tunnelWords(s: TunnelState): string {
  switch (s.state) {
    case "off": return t("tunnel-off");
    case "starting": return t("tunnel-starting", { program: s.program });
    case "up": return t("tunnel-up", { program: s.program, url: s.url });
    case "restarting": return t("tunnel-restarting", { program: s.program, reason: s.reason, seconds: s.retry_in_secs });
    case "failed": return s.reason;
  }
}
