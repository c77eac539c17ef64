import { z } from 'zod';

/** The name a person gave an uploaded file: shown back to people, never used as a storage path. */
export const uploadedFileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .describe('The file’s name, kept for people (not trusted as a path)');
