// The newest images as they are stored (imageAdded), under the queue.
import { follow } from "../app/router";
import { useStore } from "../app/store";
import { live$ } from "../live/queue";

export function RecentImages() {
  const { recentImages } = useStore(live$);
  if (recentImages.length === 0) return null;
  return (
    <section class="card" aria-labelledby="recent-title">
      <h2 id="recent-title">New images</h2>
      <ul class="thumb-strip">
        {recentImages.map((image) => (
          <li key={image.id}>
            <a href={`/view/${image.id}`} onClick={follow} aria-label={`Open image ${image.width}×${image.height} from ${new Date(image.createdAt).toLocaleTimeString()}`}>
              <img src={image.thumbnailUrl} alt="" width={96} height={96} loading="lazy" decoding="async" />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
