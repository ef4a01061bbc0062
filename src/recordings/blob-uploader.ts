/**
 * Bring your own storage: uploads a recording's files to the container the app named
 * (`externalStorage.recordingDestinationContainerUrl`) with @azure/storage-blob. The container URL
 * carries its own authorisation (a SAS) where the real service uses its managed identity; the
 * container must exist, as with the service.
 */
import type { BlobUploader } from './recording-service.js';

export const uploadToBlobStorage: BlobUploader = async (containerUrl, blobs) => {
  // Loaded on first use: the storage SDK is large and most runs never upload.
  const { ContainerClient } = await import('@azure/storage-blob');
  const container = new ContainerClient(containerUrl);
  for (const blob of blobs) {
    await container
      .getBlockBlobClient(blob.name)
      .uploadData(blob.content, { blobHTTPHeaders: { blobContentType: blob.contentType } });
  }
};
