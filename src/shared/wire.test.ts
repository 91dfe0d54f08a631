import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requests } from './contract';
import { WS_MAX_PAYLOAD } from './wire';

/** The longest bounded string a request's params declare (unbounded ones are held by the frame limit alone). */
function longestString(schema: z.ZodType): number {
  const def = (
    schema as unknown as {
      def: { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType };
    }
  ).def;
  if (schema instanceof z.ZodString) return schema.maxLength ?? 0;
  if (def.shape) return Math.max(0, ...Object.values(def.shape).map(longestString));
  if (def.innerType) return longestString(def.innerType);
  if (def.element) return longestString(def.element);
  return 0;
}

describe('the frame limit and the contract', () => {
  it('every bounded string of every request fits one frame with 4 MiB to spare', () => {
    let largest = 0;
    for (const [channel, r] of Object.entries(requests)) {
      const longest = longestString(r.params as z.ZodType);
      expect(longest, channel).toBeLessThan(WS_MAX_PAYLOAD - 4 * 1024 * 1024);
      largest = Math.max(largest, longest);
    }
    // The largest is a runbook at its size limit, base64 (11.2 MB); bundles come by upload chunks (5.6 MB).
    expect(largest).toBe(requests['runbook:openBytes'].params.shape.base64.maxLength);
  });
});
