import { adminFace } from './admin/routes.ts';
import { consoleFace } from './console/routes.ts';
import type { Face } from './face.ts';
import { householdsFace } from './households/routes.ts';
import { kiiFace } from './kii/routes.ts';
import { kipFace } from './kip/routes.ts';
import { linksFace } from './links/routes.ts';
import { v1Face } from './v1/routes.ts';

/** Every face Persona serves; `app.ts` registers each, and the error-catalogue test checks each one's table. */
export const faces: readonly Face[] = [kiiFace, kipFace, householdsFace, v1Face, adminFace, linksFace, consoleFace];

/**
 * The face that claims a path: the one with the longest prefix that the path equals or continues with `/`. A face
 * served at the root claims its own first segments (`/users`, `/metadata`), so it answers its errors in its shape
 * while `/healthz` and unknown roots stay Persona's.
 */
export function faceByPrefix(all: readonly Face[]): (url: string) => Face | undefined {
  const claims = all
    .flatMap((face) => face.prefixes.map((prefix) => ({ prefix, face })))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (url) => {
    const path = url.split('?')[0] ?? url;
    return claims.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`))?.face;
  };
}
