// SPDX-License-Identifier: GPL-2.0
/*
 * nvt: shadow doorbells (Doorbell Buffer Config).  Once on, I/O queue
 * doorbells are written to a shadow page in host memory, and the doorbell
 * register only when the controller's event index asks for it: far fewer
 * MMIO writes (each an exit on an emulated controller).  The controller
 * forgets it at a reset; the pages stay until the device goes.
 */
#include <linux/dma-mapping.h>

#include "nvt.h"
#include "nvt_ring.h"

/* every possible queue ID's SQ and CQ doorbell, at the widest stride */
#define NVT_DBBUF_BYTES(dev)	((NVT_MAX_IO_QID + 1) * 2 * (dev)->db_stride)

/* Called with dev->lock held for writing: no queue changes meanwhile. */
long nvt_ioctl_dbbuf(struct nvt_file *nf, void *arg)
{
	struct nvt_dev *dev = nf->dev;
	size_t bytes = NVT_DBBUF_BYTES(dev);
	struct nvt_dbbuf *db = arg;
	u32 sqe[16] = { NVT_ADMIN_DBBUF_CONFIG };
	u32 status;
	int ret;

	if (db->flags || db->status || db->reserved)
		return -EINVAL;
	if (!nvt_ctrl_enabled(dev))
		return -ENOTCONN;
	/* queues made before would keep their doorbells in registers */
	if (!xa_empty(&dev->ioqs) || nvt_rawq_any(dev))
		return -EBUSY;
	if (!dev->dbbuf_db) {
		dev->dbbuf_db = dma_alloc_coherent(&dev->pdev->dev, bytes,
						   &dev->dbbuf_db_dma,
						   GFP_KERNEL | __GFP_NOWARN);
		dev->dbbuf_ei = dma_alloc_coherent(&dev->pdev->dev, bytes,
						   &dev->dbbuf_ei_dma,
						   GFP_KERNEL | __GFP_NOWARN);
		if (!dev->dbbuf_db || !dev->dbbuf_ei) {
			nvt_dbbuf_free(dev);
			return -ENOMEM;
		}
	}
	memset(dev->dbbuf_db, 0, bytes);
	memset(dev->dbbuf_ei, 0, bytes);
	sqe[6] = lower_32_bits(dev->dbbuf_db_dma);
	sqe[7] = upper_32_bits(dev->dbbuf_db_dma);
	sqe[8] = lower_32_bits(dev->dbbuf_ei_dma);
	sqe[9] = upper_32_bits(dev->dbbuf_ei_dma);
	ret = nvt_admin_sync(dev, sqe, &status);
	if (ret)
		return ret;
	if (status) {
		db->status = status;
		return -EREMOTEIO;
	}
	WRITE_ONCE(dev->dbbuf_on, true);
	return 0;
}

void nvt_dbbuf_free(struct nvt_dev *dev)
{
	size_t bytes = NVT_DBBUF_BYTES(dev);

	dev->dbbuf_on = false;
	if (dev->dbbuf_db)
		dma_free_coherent(&dev->pdev->dev, bytes, dev->dbbuf_db,
				  dev->dbbuf_db_dma);
	if (dev->dbbuf_ei)
		dma_free_coherent(&dev->pdev->dev, bytes, dev->dbbuf_ei,
				  dev->dbbuf_ei_dma);
	dev->dbbuf_db = NULL;
	dev->dbbuf_ei = NULL;
}

/*
 * A queue ID taken again starts with its shadow doorbells and event
 * indexes at 0: stale values of the queue before would make the controller
 * read a tail long past and the host skip the register it must write.
 */
void nvt_dbbuf_queue_init(struct nvt_dev *dev, u16 qid)
{
	u32 idx = 2 * qid * (dev->db_stride / 4);

	if (!READ_ONCE(dev->dbbuf_on))
		return;
	WRITE_ONCE(dev->dbbuf_db[idx], 0);
	WRITE_ONCE(dev->dbbuf_db[idx + dev->db_stride / 4], 0);
	WRITE_ONCE(dev->dbbuf_ei[idx], 0);
	WRITE_ONCE(dev->dbbuf_ei[idx + dev->db_stride / 4], 0);
	wmb();	/* zeroed before the controller is told of the queue */
}

/*
 * Doorbell @which (0: SQ tail, 1: CQ head) of @q goes from @old to @new:
 * false when the shadow took it and the register need not be written.
 */
bool nvt_dbbuf_ring(struct nvt_queue *q, int which, u32 old, u32 new)
{
	struct nvt_dev *dev = q->dev;
	u32 idx;
	u16 event;

	if (q->qid == NVT_ADMIN_QID || !READ_ONCE(dev->dbbuf_on))
		return true;
	idx = (2 * q->qid + which) * (dev->db_stride / 4);
	wmb();	/* the entries (or consumed CQEs) before the shadow value */
	WRITE_ONCE(dev->dbbuf_db[idx], cpu_to_le32(new));
	mb();	/* the shadow value before the event index is read */
	event = le32_to_cpu(READ_ONCE(dev->dbbuf_ei[idx]));
	return nvt_dbbuf_need_event(event, new, old);
}
