/**
 * The Rooms API's errors, with the service's codes, messages, detail codes and targets as
 * recorded in Azure/azure-sdk-for-python's rooms test recordings. Every answer also carries the
 * `x-ms-error-code` header the service sends.
 */
import { AcsError, type ErrorDetail } from './errors.js';

const MALFORMED = 'The request could not be understood by the server due to malformed syntax.';

function roomsError(status: number, code: string, message: string, details?: ErrorDetail[]) {
  return new AcsError(status, code, message, {
    headers: { 'x-ms-error-code': code },
    ...(details ? { details } : {}),
  });
}

export const roomsErrors = {
  // (service) body validation: BadRequest with one BadArgument detail per problem
  malformed: (details: ErrorDetail[]) => roomsError(400, 'BadRequest', MALFORMED, details),
  invalidBody: (problems: readonly string[]) =>
    roomsErrors.malformed(problems.map((message) => ({ code: 'BadArgument', message }))),
  // (service) validUntil in the past; window reversed or longer than 180 days
  badWindow: (message: string, target: string) =>
    roomsErrors.malformed([{ code: 'BadArgument', message, target }]),
  // (service)
  invalidIdentifier: (rawId: string) =>
    roomsError(
      400,
      'BadRequest',
      `Invalid format for communication identifier. ('${rawId}' is not the raw id of a communication user or a Teams user.)`,
    ),
  // (service)
  invalidRoomId: () => roomsError(400, 'BadRequest', 'Invalid room ID length.'),
  // (service)
  roomNotFound: () => roomsError(404, 'NotFound', 'The server cannot find the requested resource.'),
};
