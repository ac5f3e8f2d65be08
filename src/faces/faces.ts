import { adminFace } from './admin/routes.ts';
import type { Face } from './face.ts';
import { kiiFace } from './kii/routes.ts';

/** Every face Persona serves; `app.ts` registers each, and the error-catalogue test checks each one's table. */
export const faces: readonly Face[] = [kiiFace, adminFace];
